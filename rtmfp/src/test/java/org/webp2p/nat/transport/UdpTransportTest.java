package org.webp2p.nat.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
        CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> {
            try {
                a.receive(Duration.ofSeconds(30));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);

        a.close();

        assertThatThrownBy(() -> blocked.get(2, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
    }
}
