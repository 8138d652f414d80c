package org.webp2p.sdk.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.webp2p.nat.NatType;
import org.webp2p.rtmfp.wire.MalformedInputException;

class PeerMessageCodecTest {
    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h.replace(" ", ""));
    }

    @Test
    void writesTheLayoutsOfDocsProtocol() {
        // type 1, version 2, "demo", "OPEN"
        assertThat(PeerMessageCodec.encode(new PeerMessage.Hello(2, "demo", NatType.OPEN)))
                .isEqualTo(hex("01 02 04 64656d6f 04 4f50454e"));
        // type 2, first 200 (VLU 81 48), span 10, bitmap 1000 0000 01|00 0000: holds 200 and 209
        assertThat(PeerMessageCodec.encode(new PeerMessage.Have(new TreeSet<>(List.of(200L, 209L)))))
                .isEqualTo(hex("02 8148 0a 80 40"));
        assertThat(PeerMessageCodec.encode(new PeerMessage.Request(5))).isEqualTo(hex("03 05"));
        // type 7, segment 200: the sender receives it and passes it on as it arrives
        assertThat(PeerMessageCodec.encode(new PeerMessage.Arriving(200))).isEqualTo(hex("07 8148"));
        // docs/protocol.md's example: bytes 131072 to 196607 of segment 200
        assertThat(PeerMessageCodec.encode(new PeerMessage.Request(200, 131_072, 65_536)))
                .isEqualTo(hex("03 8148 888000 848000"));
        assertThat(PeerMessageCodec.encode(new PeerMessage.Data(5, 2, 4, new byte[] {9, 8})))
                .isEqualTo(hex("04 05 02 04 0908"));
        assertThat(PeerMessageCodec.encode(new PeerMessage.Cancel(5))).isEqualTo(hex("05 05"));
        assertThat(PeerMessageCodec.encode(new PeerMessage.Refuse(5, PeerMessage.Refuse.Reason.BUSY)))
                .isEqualTo(hex("06 05 02"));
    }

    @Test
    void readsBackWhatItWrites() {
        List<PeerMessage> messages = List.of(new PeerMessage.Hello(1, "news", NatType.SYMMETRIC),
                new PeerMessage.Have(new TreeSet<>(List.of(900_000_000L, 900_000_003L, 900_004_095L))),
                new PeerMessage.Have(new TreeSet<>()), new PeerMessage.Request(1L << 40),
                new PeerMessage.Request(9, 16_384, PeerMessage.Request.TO_END), new PeerMessage.Request(9, 0, 500),
                new PeerMessage.Cancel(7), new PeerMessage.Refuse(7, PeerMessage.Refuse.Reason.NOT_HELD),
                new PeerMessage.Arriving(1L << 33));
        for (PeerMessage m : messages) {
            assertThat(PeerMessageCodec.decode(PeerMessageCodec.encode(m))).isEqualTo(m);
        }
        PeerMessage.Data data = (PeerMessage.Data) PeerMessageCodec.decode(
                PeerMessageCodec.encode(new PeerMessage.Data(3, 16384, 20000, new byte[3616])));
        assertThat(data.offset()).isEqualTo(16384);
        assertThat(data.bytes()).hasSize(3616);
    }

    @Test
    void readsANatTypeItDoesNotKnowAsUnknown() {
        // type 1, version 1, "demo", "CARRIER_GRADE": a newer peer's word for its NAT
        PeerMessage hello = PeerMessageCodec.decode(hex("01 01 04 64656d6f 0d 434152524945525f4752414445"));
        assertThat(hello).isEqualTo(new PeerMessage.Hello(1, "demo", NatType.UNKNOWN));
    }

    @Test
    void refusesMalformedMessagesWithTheReason() {
        assertThatThrownBy(() -> PeerMessageCodec.decode(hex("09"))).isInstanceOf(MalformedInputException.class)
                .hasMessageContaining("unknown peer message type");
        assertThatThrownBy(() -> PeerMessageCodec.decode(hex("03"))).isInstanceOf(MalformedInputException.class);
        assertThatThrownBy(() -> PeerMessageCodec.decode(hex("03 05 00 00 00")))
                .hasMessageContaining("after a complete message");
        assertThatThrownBy(() -> PeerMessageCodec.decode(hex("03 05 00")))
                .as("a range without its length").isInstanceOf(MalformedInputException.class);
        assertThatThrownBy(() -> PeerMessageCodec.decode(hex("04 05 03 04 0908")))
                .as("data past the end of its segment").isInstanceOf(MalformedInputException.class);
        assertThatThrownBy(() -> PeerMessageCodec.decode(hex("06 05 07"))).hasMessageContaining("refusal reason");
        assertThatThrownBy(() -> PeerMessageCodec.decode(hex("02 00 a001"))).hasMessageContaining("spans at most");
        assertThatThrownBy(() -> PeerMessageCodec.decode(new byte[0])).isInstanceOf(MalformedInputException.class);
    }
}
