package org.webp2p.rtmfp.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WireCodecTest {
    private static byte[] vlu(long value) {
        return new WireWriter().writeVlu(value).toByteArray();
    }

    @Test
    void encodesVluAsSevenBitGroupsMostSignificantFirst() {
        assertThat(Bytes.of(vlu(0)).toHex()).isEqualTo("00");
        assertThat(Bytes.of(vlu(127)).toHex()).isEqualTo("7f");
        assertThat(Bytes.of(vlu(128)).toHex()).isEqualTo("8100");
        assertThat(Bytes.of(vlu(16383)).toHex()).isEqualTo("ff7f");
        assertThat(Bytes.of(vlu(16384)).toHex()).isEqualTo("818000");
    }

    @Test
    void vluRoundTripsAcrossTheLongRange() {
        for (long value : new long[] {0, 1, 300, 1L << 32, Long.MAX_VALUE}) {
            assertThat(new WireReader(vlu(value)).readVlu()).isEqualTo(value);
        }
    }

    @Test
    void rejectsTruncatedVlu() {
        assertThatThrownBy(() -> new WireReader(Bytes.fromHex("8180").toByteArray()).readVlu())
                .isInstanceOf(MalformedInputException.class);
    }

    @Test
    void rejectsLengthPrefixRunningPastTheEnd() {
        assertThatThrownBy(() -> new WireReader(Bytes.fromHex("05 01 02").toByteArray()).readVluPrefixedBytes())
                .isInstanceOf(MalformedInputException.class);
    }

    @Test
    void parsesOptionListAndStopsAtMarker() {
        // option (len 3: type 0x0a, "ab"), option (len 1: type 0x0e, empty), marker, trailing junk
        byte[] bytes = Bytes.fromHex("030a6162 010e 00 ffff").toByteArray();
        OptionList list = OptionList.parse(bytes);
        assertThat(list.options()).containsExactly(new WireOption(0x0a, "ab".getBytes()), new WireOption(0x0e, new byte[0]));
        assertThat(OptionList.canonicalLength(bytes)).isEqualTo(6);
        assertThat(Bytes.of(list.encode()).toHex()).isEqualTo("030a6162010e");
    }
}
