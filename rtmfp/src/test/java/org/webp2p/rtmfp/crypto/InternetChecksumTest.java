package org.webp2p.rtmfp.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.webp2p.rtmfp.wire.Bytes;

class InternetChecksumTest {
    @Test
    void matchesTheRfc1071Example() {
        byte[] data = Bytes.fromHex("0001f203f4f5f6f7").toByteArray();
        assertThat(InternetChecksum.compute(data, 0, data.length)).isEqualTo(0x220d);
    }

    @Test
    void padsOddTrailingByteWithZero() {
        byte[] data = Bytes.fromHex("0001f2").toByteArray();
        assertThat(InternetChecksum.compute(data, 0, data.length)).isEqualTo(~(0x0001 + 0xf200) & 0xffff);
    }
}
