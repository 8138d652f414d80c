package org.webp2p.nat.responder;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.webp2p.nat.stun.MalformedStunException;
import org.webp2p.nat.stun.StunCodec;
import org.webp2p.nat.stun.StunMessage;

/**
 * Anyone can send a datagram to the STUN port. The codec reads a message or refuses it with
 * {@link MalformedStunException}, a message it reads encodes back to one that reads the same, and
 * the responder answers or drops whatever comes, never throwing into the socket's handler.
 */
class StunDatagramFuzzTest {
    private static final InetSocketAddress SENDER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000);
    /** Both alternates, so that every CHANGE-REQUEST can be honoured and every branch is reachable. */
    private static final StunResponder RESPONDER = new StunResponder(new ServerEndpoints(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 3478), 3479, loopback(2)), "webp2p fuzz");

    @FuzzTest
    void readsAMessageOrRefusesTheDatagram(byte[] datagram) {
        for (SocketRole role : SocketRole.values()) {
            RESPONDER.respond(datagram, role, SENDER);
        }
        StunMessage message;
        try {
            message = StunCodec.decode(datagram);
        } catch (MalformedStunException refused) {
            return;
        }
        try {
            assertThat(StunCodec.decode(StunCodec.encode(message))).isEqualTo(message);
        } catch (MalformedStunException e) {
            throw new AssertionError("a decoded message encodes to bytes that do not decode", e);
        }
    }

    private static InetAddress loopback(int last) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
