package org.webp2p.nat.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.webp2p.nat.transport.Datagram;

class GatewayFrameTest {

    @Test
    void framesIpv4PeerAheadOfThePayload() throws Exception {
        Datagram d = new Datagram(new InetSocketAddress(InetAddress.getByName("127.2.0.1"), 0x0d96), new byte[] {9});

        byte[] frame = GatewayFrame.encode(d);

        assertThat(frame).isEqualTo(HexFormat.of().parseHex("04" + "7f020001" + "0d96" + "09"));
        Datagram back = GatewayFrame.decode(frame).orElseThrow();
        assertThat(back.peer()).isEqualTo(d.peer());
        assertThat(back.payload()).containsExactly(9);
    }

    @Test
    void roundTripsIpv6PeerAndEmptyPayload() throws Exception {
        Datagram d = new Datagram(new InetSocketAddress(InetAddress.getByName("::1"), 65535), new byte[0]);

        Datagram back = GatewayFrame.decode(GatewayFrame.encode(d)).orElseThrow();

        assertThat(back.peer()).isEqualTo(d.peer());
        assertThat(back.payload()).isEmpty();
    }

    @Test
    void rejectsWhatIsNotAFrame() {
        assertThat(GatewayFrame.decode(new byte[0])).isEmpty();
        assertThat(GatewayFrame.decode(new byte[] {5, 1, 2, 3, 4, 5, 6})).isEmpty();
        assertThat(GatewayFrame.decode(new byte[] {4, 127, 0, 0})).isEmpty();
    }
}
