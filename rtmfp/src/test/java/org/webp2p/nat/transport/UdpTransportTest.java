package org.webp2p.nat.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class UdpTransportTest {
    private static final InetSocketAddress ANY_LOOPBACK_PORT =
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    @Test
    void deliversPayloadAndSourceBetweenTwoSockets() throws Exception {
        try (UdpTransport a = UdpTransport.bind(ANY_LOOPBACK_PORT);
                UdpTransport b = UdpTransport.bind(ANY_LOOPBACK_PORT)) {
            a.send(new Datagram(b.localAddress(), new byte[] {1, 2, 3}));

            Datagram received = b.receive(Duration.ofSeconds(2)).orElseThrow();

            assertThat(received.payload()).containsExactly(1, 2, 3);
            assertThat(received.peer()).isEqualTo(a.localAddress());
            assertThat(b.localAddress().getPort()).isPositive();
        }
    }

    @Test
    void receiveReturnsEmptyWhenNothingArrivesInTime() throws Exception {
        try (UdpTransport a = UdpTransport.bind(ANY_LOOPBACK_PORT)) {
            assertThat(a.receive(Duration.ofMillis(20))).isEmpty();
            assertThat(a.receive(Duration.ZERO)).isEmpty();
        }
    }

    @Test
    void closeFailsABlockedReceiveAtOnce() throws Exception {
        UdpTransport a = UdpTransport.bind(ANY_LOOPBACK_PORT);
        AtomicReference<Thread> receiver = new AtomicReference<>();
        CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> {
            receiver.set(Thread.currentThread());
            try {
                a.receive(Duration.ofSeconds(30));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        await("the receive is blocked in the socket").atMost(Duration.ofSeconds(5))
                .until(() -> receiver.get() != null && Arrays.stream(receiver.get().getStackTrace())
                        .anyMatch(f -> f.getClassName().equals(DatagramSocket.class.getName())
                                && f.getMethodName().equals("receive")));

        a.close();

        assertThatThrownBy(() -> blocked.get(2, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
    }
}
