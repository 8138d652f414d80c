package org.webp2p.nat.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.webp2p.nat.stun.StunCodec;
import org.webp2p.nat.stun.StunMessage;
import org.webp2p.nat.stun.StunMessageType;
import org.webp2p.nat.stun.TransactionId;
import org.webp2p.nat.stun.XorMappedAddress;
import org.webp2p.nat.transport.Datagram;
import org.webp2p.nat.transport.DatagramTransport;

class StunClientTest {
    private static final InetSocketAddress SERVER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 3478);

    @Test
    void resendsOnTheRfc8489ScheduleThenGivesUpAfter39AndAHalfSeconds() throws Exception {
        FakeClockTransport transport = new FakeClockTransport();
        StunClient client = new StunClient(transport, RetransmissionPolicy.RFC_8489, () -> transport.nanos);

        Optional<StunResponse> response = client.exchange(SERVER, request());

        assertThat(response).isEmpty();
        assertThat(transport.sendTimesMillis).containsExactly(0L, 500L, 1500L, 3500L, 7500L, 15500L, 31500L);
        assertThat(transport.nanos).isEqualTo(Duration.ofMillis(39_500).toNanos());
        assertThat(RetransmissionPolicy.RFC_8489.timeout()).isEqualTo(Duration.ofMillis(39_500));
    }

    @Test
    void ignoresStrayDatagramsAndReturnsTheMatchingResponse() throws Exception {
        FakeClockTransport transport = new FakeClockTransport();
        StunClient client = new StunClient(transport, RetransmissionPolicy.RFC_8489, () -> transport.nanos);
        StunMessage request = request();
        StunMessage other = StunMessage.of(StunMessageType.BINDING_SUCCESS, TransactionId.random());
        StunMessage answer = StunMessage.of(StunMessageType.BINDING_SUCCESS, request.transactionId(),
                new XorMappedAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 1234)));
        transport.inbox.add(new Datagram(SERVER, "garbage".getBytes()));
        transport.inbox.add(new Datagram(SERVER, StunCodec.encode(other)));
        transport.inbox.add(new Datagram(SERVER, StunCodec.encode(answer)));

        Optional<StunResponse> response = client.exchange(SERVER, request);

        assertThat(response).contains(new StunResponse(answer, SERVER));
        assertThat(transport.sendTimesMillis).containsExactly(0L);
    }

    private static StunMessage request() {
        return StunMessage.of(StunMessageType.BINDING_REQUEST, TransactionId.random());
    }

    /** Time passes only while the client waits; queued datagrams arrive instantly. */
    private static final class FakeClockTransport implements DatagramTransport {
        final List<Long> sendTimesMillis = new ArrayList<>();
        final Deque<Datagram> inbox = new ArrayDeque<>();
        long nanos;

        @Override
        public InetSocketAddress localAddress() {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), 5000);
        }

        @Override
        public void send(Datagram datagram) {
            sendTimesMillis.add(Duration.ofNanos(nanos).toMillis());
        }

        @Override
        public Optional<Datagram> receive(Duration timeout) {
            if (!inbox.isEmpty()) {
                return Optional.of(inbox.poll());
            }
            nanos += timeout.toNanos();
            return Optional.empty();
        }

        @Override
        public void close() {
        }
    }
}
