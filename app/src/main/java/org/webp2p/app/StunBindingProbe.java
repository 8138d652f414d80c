package org.webp2p.app;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import org.webp2p.nat.client.RetransmissionPolicy;
import org.webp2p.nat.client.StunClient;
import org.webp2p.nat.client.StunResponse;
import org.webp2p.nat.stun.StunClass;
import org.webp2p.nat.stun.StunMessage;
import org.webp2p.nat.stun.StunMessageType;
import org.webp2p.nat.stun.TransactionId;
import org.webp2p.nat.stun.XorMappedAddress;
import org.webp2p.nat.transport.UdpTransport;

/**
 * Sends a STUN Binding request from a fresh loopback socket and expects a success response that
 * maps that socket's own address, which is what every peer relies on before rendezvous.
 */
final class StunBindingProbe implements ServiceProbe {
    private final RetransmissionPolicy policy;

    /**
     * Resends on the RFC 8489 schedule from {@code initialRto}, four sends and a last wait of eight
     * RTOs: on loopback a loss is rare, but a loaded machine may answer late.
     */
    StunBindingProbe(Duration initialRto) {
        this.policy = new RetransmissionPolicy(initialRto, 4, 8);
    }

    @Override
    public String probe(InetSocketAddress address) throws ProbeFailure {
        StunMessage request = StunMessage.of(StunMessageType.BINDING_REQUEST, TransactionId.random());
        long started = System.nanoTime();
        Optional<StunResponse> response;
        InetSocketAddress local;
        try (UdpTransport socket = UdpTransport.bind(new InetSocketAddress(address.getAddress(), 0))) {
            local = socket.localAddress();
            response = new StunClient(socket, policy).exchange(address, request);
        } catch (IOException e) {
            throw new ProbeFailure("Binding request failed: " + e);
        }
        if (response.isEmpty()) {
            throw new ProbeFailure("no Binding response within " + policy.timeout().toMillis() + " ms");
        }
        StunMessage answer = response.get().message();
        if (answer.type().messageClass() != StunClass.SUCCESS_RESPONSE) {
            throw new ProbeFailure("Binding answered with " + answer.type().messageClass());
        }
        InetSocketAddress mapped = answer.attribute(XorMappedAddress.class).map(XorMappedAddress::address)
                .orElseThrow(() -> new ProbeFailure("Binding success without XOR-MAPPED-ADDRESS"));
        if (!mapped.equals(local)) {
            throw new ProbeFailure("Binding mapped " + mapped + " instead of the sender " + local);
        }
        return "Binding mapped " + mapped.getAddress().getHostAddress() + ":" + mapped.getPort() + " in "
                + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms";
    }
}
