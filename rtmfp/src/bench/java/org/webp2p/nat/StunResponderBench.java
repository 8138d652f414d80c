package org.webp2p.nat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.webp2p.nat.responder.ResponderOutcome;
import org.webp2p.nat.responder.ServerEndpoints;
import org.webp2p.nat.responder.SocketRole;
import org.webp2p.nat.responder.StunResponder;
import org.webp2p.nat.stun.Fingerprint;
import org.webp2p.nat.stun.StunCodec;
import org.webp2p.nat.stun.StunMessage;
import org.webp2p.nat.stun.StunMessageType;
import org.webp2p.nat.stun.TransactionId;

/**
 * Binding requests answered per second by one thread (decode, decide, encode with FINGERPRINT), the
 * CPU ceiling of the STUN service before any socket cost. Run after {@code ./mvnw -o -q -pl rtmfp
 * compile}:
 *
 * <pre>
 * javac -d rtmfp/target/bench -cp rtmfp/target/classes rtmfp/src/bench/java/org/webp2p/nat/StunResponderBench.java
 * java -cp rtmfp/target/classes:rtmfp/target/bench org.webp2p.nat.StunResponderBench
 * </pre>
 */
public final class StunResponderBench {
    private StunResponderBench() {
    }

    public static void main(String[] args) throws Exception {
        StunResponder responder = new StunResponder(new ServerEndpoints(
                new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 3478), 3479,
                InetAddress.getByName("192.0.2.2")), "webp2p-stun");
        byte[] request = StunCodec.encode(StunMessage.of(StunMessageType.BINDING_REQUEST, TransactionId.random(),
                new Fingerprint()));
        InetSocketAddress client = new InetSocketAddress(InetAddress.getByName("203.0.113.9"), 50000);
        int rounds = 5;
        int perRound = 1_000_000;
        long sink = 0;
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < perRound; i++) {
                ResponderOutcome outcome = responder.respond(request, SocketRole.PRIMARY, client);
                sink += ((ResponderOutcome.Reply) outcome).datagram().length;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("round %d: %,.0f responses/s%n", round + 1, perRound / seconds);
        }
        System.out.println("bytes produced: " + sink);
    }
}
