package org.webp2p.server.rtmfp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.webp2p.rtmfp.chunk.IHello;
import org.webp2p.rtmfp.crypto.EndpointDiscriminator;
import org.webp2p.rtmfp.crypto.PacketCipher;
import org.webp2p.rtmfp.crypto.PeerId;
import org.webp2p.rtmfp.flash.NetConnectionCommand;
import org.webp2p.rtmfp.packet.DatagramCodec;
import org.webp2p.rtmfp.packet.Packet;
import org.webp2p.rtmfp.session.ReceiveFlow;
import org.webp2p.rtmfp.session.Session;
import org.webp2p.rtmfp.session.SessionListener;
import org.webp2p.rtmfp.wire.Bytes;

class RendezvousServiceTest {
    private static final String STREAM = "news";
    private static final String SUCCESS = "NetConnection.Connect.Success";

    @Test
    void introducesTwoPeersWhoThenExchangeAMessageDirectly() throws Exception {
        try (RunningRendezvous rendezvous = new RunningRendezvous();
             FlashPeer alice = new FlashPeer();
             FlashPeer bob = new FlashPeer()) {
            assertThat(alice.connectAndAwait(rendezvous.address(), STREAM, rendezvous.tokenFor(STREAM),
                    Map.of("natType", "full-cone")).statusCode()).contains(SUCCESS);
            assertThat(bob.connectAndAwait(rendezvous.address(), STREAM, rendezvous.tokenFor(STREAM),
                    Map.of("natType", "SYMMETRIC")).statusCode()).contains(SUCCESS);
            CompletableFuture<byte[]> atBob = new CompletableFuture<>();
            bob.endpoint.setIncomingSessionHandler(session -> session.setListener(new SessionListener() {
                @Override
                public void onFlow(ReceiveFlow flow) {
                    flow.setMessageListener((f, message) -> atBob.complete(message));
                }
            }));

            Session toBob = alice.endpoint.connectToPeer(bob.endpoint.peerId(), List.of(rendezvous.address()),
                    new SessionListener() { }).get(5, TimeUnit.SECONDS);
            toBob.openFlow(Bytes.fromHex("01")).send("hello bob".getBytes());

            assertThat(atBob.get(5, TimeUnit.SECONDS)).isEqualTo("hello bob".getBytes());
            assertThat(toBob.farAddress()).isEqualTo(bob.endpoint.localAddress());
            assertThat(rendezvous.metric("introductions")).isEqualTo(1);
            assertThat(rendezvous.metric("introductions.full-cone.symmetric")).isEqualTo(1);
            assertThat(rendezvous.metric("peers")).isEqualTo(2);
            assertThat(rendezvous.metric("load")).isEqualTo(2);
            assertThat(rendezvous.metric("handshakes")).isEqualTo(2);
            assertThat(rendezvous.metric("connects.accepted")).isEqualTo(2);
            assertThat(rendezvous.metric("bytes.in")).isPositive();
            assertThat(rendezvous.metric("bytes.out")).isPositive();
        }
    }

    @Test
    void listsPeersWithTheirPublicAndReportedPrivateAddresses() throws Exception {
        try (RunningRendezvous rendezvous = new RunningRendezvous(); FlashPeer alice = new FlashPeer()) {
            alice.connectAndAwait(rendezvous.address(), STREAM, rendezvous.tokenFor(STREAM), Map.of());

            alice.reportPrivateAddresses("192.168.1.20:50000", "not an address", "[fe80::1]:50001");

            ConnectedPeer listed = awaitPeer(rendezvous, alice.endpoint.peerId(), 2);
            assertThat(listed.publicAddress()).isEqualTo(alice.endpoint.localAddress());
            assertThat(listed.stream()).isEqualTo(STREAM);
            assertThat(listed.addresses()).containsExactly(alice.endpoint.localAddress(),
                    new InetSocketAddress("192.168.1.20", 50000), new InetSocketAddress("fe80::1", 50001));
        }
    }

    @Test
    void refusesAConnectWithABadTokenAndClosesTheSession() throws Exception {
        try (RunningRendezvous rendezvous = new RunningRendezvous(); FlashPeer mallory = new FlashPeer()) {
            NetConnectionCommand answer = mallory.connectAndAwait(rendezvous.address(), STREAM,
                    rendezvous.tokenFor("other-stream"), Map.of());

            assertThat(answer.name()).isEqualTo(NetConnectionCommand.ERROR);
            assertThat(answer.statusCode()).contains("NetConnection.Connect.Rejected");
            assertThat(mallory.closed.get(5, TimeUnit.SECONDS)).isSameAs(mallory.session());
            assertThat(rendezvous.metric("connects.rejected")).isEqualTo(1);
            assertThat(rendezvous.service.directory().snapshot()).isEmpty();
        }
    }

    @Test
    void acceptsATokenInTheCommandObjectForTheStreamInTheAppPath() throws Exception {
        try (RunningRendezvous rendezvous = new RunningRendezvous(); FlashPeer alice = new FlashPeer()) {
            alice.connect(rendezvous.address(), Map.of("app", "webp2p/" + STREAM, "token", rendezvous.tokenFor(STREAM)),
                    List.of());

            assertThat(alice.answer.get(5, TimeUnit.SECONDS).statusCode()).contains(SUCCESS);
        }
    }

    @Test
    void acceptsAnyConnectWhenTheApiIsOpen() throws Exception {
        try (RunningRendezvous rendezvous = new RunningRendezvous(Map.of("api.open", "true"));
             FlashPeer alice = new FlashPeer()) {
            assertThat(alice.connectAndAwait(rendezvous.address(), STREAM, "no-token", Map.of()).statusCode())
                    .contains(SUCCESS);
        }
    }

    @Test
    void redirectsTheConnectionPastMaxSessionsToTheSiblingNode() throws Exception {
        try (RunningRendezvous sibling = new RunningRendezvous(Map.of("api.open", "true"));
             RunningRendezvous full = new RunningRendezvous(Map.of("api.open", "true", "rendezvous.max-sessions", "1",
                     "rendezvous.peers", "127.0.0.1:" + sibling.address().getPort()));
             FlashPeer first = new FlashPeer();
             FlashPeer second = new FlashPeer()) {
            first.connectAndAwait(full.address(), STREAM, "", Map.of());

            NetConnectionCommand answer = second.connectAndAwait(full.address(), STREAM, "", Map.of());

            assertThat(answer.statusCode()).contains(SUCCESS);
            assertThat(second.session().farAddress()).isEqualTo(sibling.address());
            assertThat(full.metric("redirects")).isEqualTo(1);
            assertThat(full.metric("load")).isEqualTo(1);
            assertThat(full.metric("capacity")).isEqualTo(1);
            assertThat(sibling.metric("load")).isEqualTo(1);
        }
    }

    @Test
    void garbageAndAnIHelloFloodDoNotKeepARealClientOut() throws Exception {
        try (RunningRendezvous rendezvous = new RunningRendezvous(Map.of("api.open", "true"));
             DatagramSocket attacker = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             FlashPeer alice = new FlashPeer()) {
            SecureRandom random = new SecureRandom();
            for (int i = 0; i < 500; i++) {
                byte[] garbage = new byte[1 + random.nextInt(200)];
                random.nextBytes(garbage);
                send(attacker, garbage, rendezvous.address());
                send(attacker, iHelloFor(randomPeerId(random), random), rendezvous.address());
            }

            NetConnectionCommand answer = alice.connectAndAwait(rendezvous.address(), STREAM, "", Map.of());

            assertThat(answer.statusCode()).contains(SUCCESS);
            assertThat(rendezvous.metric("introductions.unknown-target")).isPositive();
            assertThat(rendezvous.metric("introductions")).isZero();
            assertThat(rendezvous.metric("bytes.in")).isPositive();
            assertThat(rendezvous.service.metrics().keySet()).anyMatch(k -> k.startsWith("drops."));
        }
    }

    @Test
    void introducesNobodyForASenderWithoutAnAdmittedSession() throws Exception {
        try (RunningRendezvous rendezvous = new RunningRendezvous();
             FlashPeer bob = new FlashPeer();
             FlashPeer unadmitted = new FlashPeer();
             DatagramSocket stranger = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            bob.connectAndAwait(rendezvous.address(), STREAM, rendezvous.tokenFor(STREAM), Map.of());
            unadmitted.endpoint.connect(RunningRendezvous.URI, rendezvous.address(), new SessionListener() { })
                    .get(5, TimeUnit.SECONDS);

            send(stranger, iHelloFor(bob.endpoint.peerId(), new SecureRandom()), rendezvous.address());
            unadmitted.endpoint.connectToPeer(bob.endpoint.peerId(), List.of(rendezvous.address()), new SessionListener() { });

            stranger.setSoTimeout(500);
            assertThatThrownBy(() -> stranger.receive(new DatagramPacket(new byte[1500], 1500)))
                    .as("neither a Redirect from the rendezvous nor an RHello from bob")
                    .isInstanceOf(SocketTimeoutException.class);
            await().atMost(Duration.ofSeconds(5)).until(() -> rendezvous.metric("drops.introduction-refused") >= 2);
            assertThat(rendezvous.metric("introductions")).isZero();
            assertThat(bob.endpoint.sessions()).hasSize(1);
        }
    }

    @Test
    void sixtyFourClientsFromOneAddressThatCloseTheirNetConnectionFreeTheirSessionsAtOnce() throws Exception {
        try (RunningRendezvous rendezvous = new RunningRendezvous(Map.of("api.open", "true"))) {
            List<FlashPeer> crowd = new ArrayList<>();
            try {
                for (int i = 0; i < 64; i++) {
                    FlashPeer peer = new FlashPeer();
                    crowd.add(peer);
                    peer.connect(rendezvous.address(), Map.of("stream", STREAM), List.of());
                }
                for (FlashPeer peer : crowd) {
                    assertThat(peer.answer.get(10, TimeUnit.SECONDS).statusCode()).contains(SUCCESS);
                }
                assertThat(rendezvous.metric("load")).isEqualTo(64);

                crowd.forEach(FlashPeer::closeNetConnection);

                for (FlashPeer peer : crowd) {
                    assertThat(peer.closed.get(5, TimeUnit.SECONDS)).as("the server closed it").isSameAs(peer.session());
                }
                await().atMost(Duration.ofSeconds(5)).until(() -> rendezvous.metric("load") == 0);
                assertThat(rendezvous.metric("peers")).isZero();
            } finally {
                crowd.forEach(FlashPeer::close);
            }
            try (FlashPeer next = new FlashPeer()) {
                assertThat(next.connectAndAwait(rendezvous.address(), STREAM, "", Map.of()).statusCode()).contains(SUCCESS);
            }
            assertThat(rendezvous.metric("drops.resource-limit")).isZero();
        }
    }

    @Test
    void limitsSessionsAndHandshakesPerAddressAsConfigured() throws Exception {
        try (RunningRendezvous rendezvous = new RunningRendezvous(Map.of("api.open", "true",
                "rendezvous.max-sessions-per-address", "2", "rendezvous.handshake-rate-per-address", "5"));
             FlashPeer first = new FlashPeer();
             FlashPeer second = new FlashPeer();
             FlashPeer third = new FlashPeer();
             DatagramSocket flooder = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            first.connectAndAwait(rendezvous.address(), STREAM, "", Map.of());
            second.connectAndAwait(rendezvous.address(), STREAM, "", Map.of());
            CompletableFuture<Session> refused = third.endpoint.connect(RunningRendezvous.URI, rendezvous.address(),
                    new SessionListener() { });
            await().atMost(Duration.ofSeconds(5)).until(() -> rendezvous.metric("drops.resource-limit") > 0);
            assertThat(refused).isNotDone();

            SecureRandom random = new SecureRandom();
            for (int i = 0; i < 20; i++) {
                send(flooder, iHelloForServer(random), rendezvous.address());
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> rendezvous.metric("drops.rate-limit") >= 14);
            assertThat(rendezvous.metric("load")).isEqualTo(2);
        }
    }

    @Test
    void stopFreesThePortAndForgetsThePeers() throws Exception {
        try (RunningRendezvous rendezvous = new RunningRendezvous(Map.of("api.open", "true"));
             FlashPeer alice = new FlashPeer()) {
            InetSocketAddress bound = rendezvous.address();
            alice.connectAndAwait(bound, STREAM, "", Map.of());

            rendezvous.service.stop();

            assertThat(rendezvous.service.boundAddresses()).isEmpty();
            assertThat(rendezvous.service.directory().snapshot()).isEmpty();
            assertThat(alice.closed.get(5, TimeUnit.SECONDS)).isSameAs(alice.session());
            try (DatagramSocket reuse = new DatagramSocket(bound)) {
                assertThat(reuse.getLocalPort()).isEqualTo(bound.getPort());
            }
        }
    }

    private static ConnectedPeer awaitPeer(RunningRendezvous rendezvous, PeerId peer, int addresses) {
        return await("peer listed with its addresses").atMost(Duration.ofSeconds(5))
                .until(() -> rendezvous.service.directory().snapshot().stream()
                        .filter(p -> p.peerId().equals(peer)).findFirst().orElse(null),
                        listed -> listed != null && listed.privateAddresses().size() == addresses);
    }

    private static PeerId randomPeerId(SecureRandom random) {
        byte[] id = new byte[PeerId.LENGTH];
        random.nextBytes(id);
        return new PeerId(Bytes.of(id));
    }

    private static byte[] iHelloFor(PeerId peer, SecureRandom random) {
        return iHello(EndpointDiscriminator.forPeer(peer), random);
    }

    private static byte[] iHelloForServer(SecureRandom random) {
        return iHello(EndpointDiscriminator.forServer(RunningRendezvous.URI), random);
    }

    private static byte[] iHello(EndpointDiscriminator wanted, SecureRandom random) {
        byte[] tag = new byte[16];
        random.nextBytes(tag);
        IHello hello = new IHello(wanted.encode(), Bytes.of(tag));
        return DatagramCodec.encode(0, Packet.startup(List.of(hello)), PacketCipher.defaultCipher());
    }

    private static void send(DatagramSocket socket, byte[] datagram, InetSocketAddress to) throws Exception {
        socket.send(new DatagramPacket(datagram, datagram.length, to));
    }
}
