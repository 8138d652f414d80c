package org.webp2p.nat.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webp2p.nat.NatType;
import org.webp2p.nat.transport.Datagram;
import org.webp2p.nat.transport.DatagramTransport;

/**
 * Real UDP through an emulated NAT with an access link in front of it. Times measured here are lower
 * bounds the emulation itself guarantees, however loaded the machine.
 */
class ShapedNatTest {
    private static final Duration WAIT = Duration.ofSeconds(3);

    private final LoopbackLab lab = new LoopbackLab(Duration.ofSeconds(30));

    @AfterEach
    void closeLab() {
        lab.close();
    }

    @Test
    void roundTripThroughTheLinkTakesAtLeastItsDelayBothWays() throws Exception {
        EmulatedNat nat = lab.nat(NatProfile.of(NatType.FULL_CONE));
        nat.shape(ShapedLink.of(link(40, 0, 0, Duration.ofMillis(100)), 1));
        DatagramTransport host = nat.attach(nat.insideAddress());
        DatagramTransport server = lab.host(NatType.OPEN);

        long sent = System.nanoTime();
        host.send(new Datagram(server.localAddress(), "ping".getBytes()));
        Datagram ping = server.receive(WAIT).orElseThrow();
        long atServer = System.nanoTime();
        server.send(new Datagram(ping.peer(), "pong".getBytes()));
        Optional<Datagram> pong = host.receive(WAIT);
        long back = System.nanoTime();

        assertThat(pong.map(d -> new String(d.payload()))).contains("pong");
        assertThat(Duration.ofNanos(atServer - sent)).isGreaterThanOrEqualTo(Duration.ofMillis(40));
        assertThat(Duration.ofNanos(back - sent)).isGreaterThanOrEqualTo(Duration.ofMillis(80));
        // The NAT counts a datagram just after passing it on, so the count may trail the pong by a moment.
        await().atMost(WAIT).untilAsserted(() -> assertThat(nat.counters())
                .extracting(NatCounters::translatedOut, NatCounters::translatedIn).containsExactly(1L, 1L));
    }

    @Test
    void lossyLinkLosesDatagramsAndCountsThem() throws Exception {
        EmulatedNat nat = lab.nat(NatProfile.of(NatType.FULL_CONE));
        ShapedLink link = ShapedLink.of(new LinkConditions(Duration.ZERO, Duration.ZERO, 1.0, 0, 0, Duration.ZERO), 1);
        nat.shape(link);
        DatagramTransport host = nat.attach(nat.insideAddress());
        DatagramTransport server = lab.host(NatType.OPEN);

        for (int i = 0; i < 5; i++) {
            host.send(new Datagram(server.localAddress(), "lost".getBytes()));
        }

        await().atMost(WAIT).until(() -> link.counters().up().lost() == 5);
        assertThat(server.receive(Duration.ofMillis(100))).isEmpty();
        assertThat(nat.counters().translatedOut()).isZero();
    }

    @Test
    void rateCapPacesABurstInOrderAndDropsWhatOverflowsTheQueue() throws Exception {
        EmulatedNat nat = lab.nat(NatProfile.of(NatType.FULL_CONE));
        // 200 kbit/s: a datagram of 1,000 bytes on the wire takes 40 ms; the queue holds 12 of them.
        ShapedLink link = ShapedLink.of(link(0, 200_000, 0, Duration.ofMillis(10)), 1);
        nat.shape(link);
        DatagramTransport host = nat.attach(nat.insideAddress());
        DatagramTransport server = lab.host(NatType.OPEN);

        long sent = System.nanoTime();
        for (int i = 0; i < 30; i++) {
            host.send(new Datagram(server.localAddress(), ByteBuffer.allocate(972).putInt(i).array()));
        }
        await().atMost(WAIT).until(() -> link.counters().up().passed() + link.counters().up().queueDrops() == 30);
        long passed = link.counters().up().passed();
        List<Integer> received = new ArrayList<>();
        for (int i = 0; i < passed; i++) {
            received.add(ByteBuffer.wrap(server.receive(WAIT).orElseThrow().payload()).getInt());
        }
        long last = System.nanoTime();

        assertThat(link.counters().up().queueDrops()).isGreaterThanOrEqualTo(15);
        assertThat(received).isSorted().doesNotHaveDuplicates().startsWith(0, 1, 2);
        assertThat(Duration.ofNanos(last - sent)).isGreaterThanOrEqualTo(Duration.ofMillis(40 * passed));
    }

    private static LinkConditions link(long delayMs, long bitsPerSecond, double loss, Duration queue) {
        return new LinkConditions(Duration.ofMillis(delayMs), Duration.ZERO, loss, bitsPerSecond, bitsPerSecond, queue);
    }
}
