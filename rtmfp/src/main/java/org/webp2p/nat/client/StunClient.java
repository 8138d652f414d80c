package org.webp2p.nat.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.webp2p.nat.stun.MalformedStunException;
import org.webp2p.nat.stun.StunClass;
import org.webp2p.nat.stun.StunCodec;
import org.webp2p.nat.stun.StunMessage;
import org.webp2p.nat.transport.Datagram;
import org.webp2p.nat.transport.DatagramTransport;

/**
 * A blocking STUN client transaction over a {@link DatagramTransport}: sends, resends on the
 * {@link RetransmissionPolicy} schedule, and returns the first response with the request's
 * transaction ID. Anything else that arrives meanwhile is discarded. One transaction at a time.
 */
public final class StunClient implements StunExchange {
    private final DatagramTransport transport;
    private final RetransmissionPolicy policy;
    private final LongSupplier nanoTime;

    /**
     * @param transport the socket to use; the client does not close it
     * @param policy the resend schedule
     * @param nanoTime a monotonic clock in nanoseconds ({@code System::nanoTime} outside tests)
     */
    public StunClient(DatagramTransport transport, RetransmissionPolicy policy, LongSupplier nanoTime) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** A client on the system clock. */
    public StunClient(DatagramTransport transport, RetransmissionPolicy policy) {
        this(transport, policy, System::nanoTime);
    }

    @Override
    public synchronized Optional<StunResponse> exchange(InetSocketAddress server, StunMessage request)
            throws IOException {
        if (request.type().messageClass() != StunClass.REQUEST) {
            throw new IllegalArgumentException("only requests get responses: " + request.type());
        }
        byte[] datagram = StunCodec.encode(request);
        for (Duration wait : policy.waits()) {
            transport.send(new Datagram(server, datagram));
            long deadline = nanoTime.getAsLong() + wait.toNanos();
            Optional<StunResponse> response = awaitResponse(request, deadline);
            if (response.isPresent()) {
                return response;
            }
        }
        return Optional.empty();
    }

    private Optional<StunResponse> awaitResponse(StunMessage request, long deadline) throws IOException {
        for (long left = deadline - nanoTime.getAsLong(); left > 0; left = deadline - nanoTime.getAsLong()) {
            Optional<Datagram> received = transport.receive(Duration.ofNanos(left));
            if (received.isEmpty()) {
                continue;
            }
            Optional<StunMessage> answer = decode(received.get().payload())
                    .filter(m -> m.transactionId().equals(request.transactionId()))
                    .filter(m -> m.type().method() == request.type().method())
                    .filter(m -> m.type().messageClass() == StunClass.SUCCESS_RESPONSE
                            || m.type().messageClass() == StunClass.ERROR_RESPONSE);
            if (answer.isPresent()) {
                return Optional.of(new StunResponse(answer.get(), received.get().peer()));
            }
        }
        return Optional.empty();
    }

    private static Optional<StunMessage> decode(byte[] payload) {
        try {
            return Optional.of(StunCodec.decode(payload));
        } catch (MalformedStunException e) {
            // Stray or damaged datagrams are expected on a shared socket; the retransmission covers them.
            return Optional.empty();
        }
    }
}
