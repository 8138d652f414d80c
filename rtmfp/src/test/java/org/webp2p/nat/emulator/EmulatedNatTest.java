package org.webp2p.nat.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webp2p.nat.NatType;
import org.webp2p.nat.transport.Datagram;
import org.webp2p.nat.transport.DatagramTransport;
import org.webp2p.nat.transport.UdpTransport;

/** Real UDP on loopback through emulated NATs. */
class EmulatedNatTest {
    private static final Duration WAIT = Duration.ofSeconds(2);
    private static final Duration SHORT = Duration.ofMillis(150);

    private final LoopbackLab lab = new LoopbackLab(Duration.ofSeconds(30));

    @AfterEach
    void closeLab() {
        lab.close();
    }

    @Test
    void insideHostReachesOutsideFromThePublicAddressAndGetsTheReply() throws Exception {
        DatagramTransport host = lab.host(NatType.PORT_RESTRICTED_CONE);
        DatagramTransport server = lab.host(NatType.OPEN);

        host.send(new Datagram(server.localAddress(), "ping".getBytes()));
        Datagram atServer = server.receive(WAIT).orElseThrow();
        server.send(new Datagram(atServer.peer(), "pong".getBytes()));
        Datagram atHost = host.receive(WAIT).orElseThrow();

        assertThat(atServer.peer().getAddress().getHostAddress()).startsWith("127.2.");
        assertThat(host.localAddress().getAddress().getHostAddress()).startsWith("127.1.");
        assertThat(new String(atHost.payload())).isEqualTo("pong");
        assertThat(atHost.peer()).isEqualTo(server.localAddress());
    }

    @Test
    void fullConeLetsAnyoneInButPortRestrictedOnlyTheContactedEndpoint() throws Exception {
        EmulatedNat full = lab.nat(NatProfile.of(NatType.FULL_CONE));
        EmulatedNat restricted = lab.nat(NatProfile.of(NatType.PORT_RESTRICTED_CONE));
        DatagramTransport fullHost = full.attach(full.insideAddress());
        DatagramTransport restrictedHost = restricted.attach(restricted.insideAddress());
        DatagramTransport server = lab.host(NatType.OPEN);
        DatagramTransport stranger = lab.host(NatType.OPEN);

        InetSocketAddress fullMapped = mappedBy(fullHost, server);
        InetSocketAddress restrictedMapped = mappedBy(restrictedHost, server);
        stranger.send(new Datagram(fullMapped, "hello".getBytes()));
        stranger.send(new Datagram(restrictedMapped, "hello".getBytes()));

        assertThat(fullHost.receive(WAIT).map(d -> d.peer())).contains(stranger.localAddress());
        assertThat(restrictedHost.receive(SHORT)).isEmpty();
        awaitCounter(() -> restricted.counters().filtered() == 1);
        assertThat(full.counters().translatedIn()).isEqualTo(1);
    }

    @Test
    void hostsBehindOneNatMeetOnTheirInsideAddressesButNeverThroughItsPublicOne() throws Exception {
        // Full cone, the most permissive filter: only the missing hairpin can stop the second packet.
        EmulatedNat office = lab.nat(NatProfile.of(NatType.FULL_CONE));
        DatagramTransport alice = office.attach(office.insideAddress());
        DatagramTransport bob = office.attach(office.insideAddress());
        DatagramTransport server = lab.host(NatType.OPEN);

        alice.send(new Datagram(bob.localAddress(), "over the LAN".getBytes()));
        Datagram atBob = bob.receive(WAIT).orElseThrow();
        assertThat(atBob.peer()).as("seen untranslated, as on a LAN").isEqualTo(alice.localAddress());
        assertThat(new String(atBob.payload())).isEqualTo("over the LAN");

        InetSocketAddress bobPublic = mappedBy(bob, server);
        alice.send(new Datagram(bobPublic, "hairpin".getBytes()));
        assertThat(bob.receive(SHORT)).isEmpty();
        awaitCounter(() -> office.counters().hairpinRefused() == 1);
        assertThat(office.counters().lanSwitched()).isEqualTo(1);
    }

    @Test
    void symmetricNatShowsEachDestinationAnotherPort() throws Exception {
        DatagramTransport host = lab.host(NatType.SYMMETRIC);
        DatagramTransport a = lab.host(NatType.OPEN);
        DatagramTransport b = lab.host(NatType.OPEN);

        assertThat(mappedBy(host, a)).isNotEqualTo(mappedBy(host, b));
    }

    @Test
    void coneKeepsOneMappingAcrossDestinations() throws Exception {
        DatagramTransport host = lab.host(NatType.RESTRICTED_CONE);
        DatagramTransport a = lab.host(NatType.OPEN);
        DatagramTransport b = lab.host(NatType.OPEN);

        assertThat(mappedBy(host, a)).isEqualTo(mappedBy(host, b));
    }

    @Test
    void idleMappingExpiresAndItsPortStopsDelivering() throws Exception {
        try (LoopbackLab quick = new LoopbackLab(Duration.ofMillis(200))) {
            EmulatedNat nat = quick.nat(NatProfile.of(NatType.FULL_CONE));
            DatagramTransport host = nat.attach(nat.insideAddress());
            DatagramTransport server = quick.host(NatType.OPEN);
            InetSocketAddress mapped = mappedBy(host, server);

            awaitCounter(() -> nat.counters().mappingsExpired() == 1);
            server.send(new Datagram(mapped, "late".getBytes()));

            assertThat(host.receive(SHORT)).isEmpty();
        }
    }

    @Test
    void insideHostIgnoresDatagramsThatBypassTheNat() throws Exception {
        DatagramTransport host = lab.host(NatType.FULL_CONE);
        try (UdpTransport intruder = UdpTransport.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            intruder.send(new Datagram(host.localAddress(), "direct".getBytes()));

            assertThat(host.receive(SHORT)).isEmpty();
        }
    }

    @Test
    void manyNatsShareOneThreadAndEachKeepsItsOwnPublicAddress() throws Exception {
        DatagramTransport server = lab.host(NatType.OPEN);
        Set<InetAddress> publicAddresses = new HashSet<>();
        int threadsBefore = Thread.activeCount();

        for (int i = 0; i < 60; i++) {
            DatagramTransport host = lab.host(i % 2 == 0 ? NatType.SYMMETRIC : NatType.FULL_CONE);
            InetSocketAddress mapped = mappedBy(host, server);
            server.send(new Datagram(mapped, "reply".getBytes()));
            assertThat(host.receive(WAIT)).isPresent();
            publicAddresses.add(mapped.getAddress());
        }

        assertThat(publicAddresses).hasSize(60);
        assertThat(Thread.activeCount() - threadsBefore).isLessThanOrEqualTo(1);
    }

    /** The address {@code server} sees when {@code host} sends to it. */
    private static InetSocketAddress mappedBy(DatagramTransport host, DatagramTransport server) throws Exception {
        host.send(new Datagram(server.localAddress(), "probe".getBytes()));
        Optional<Datagram> seen = server.receive(WAIT);
        return seen.orElseThrow().peer();
    }

    private static void awaitCounter(BooleanSupplier condition) {
        await().atMost(WAIT).until(condition::getAsBoolean);
    }
}
