package org.webp2p.rtmfp.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.webp2p.rtmfp.DropReason;
import org.webp2p.rtmfp.RtmfpParams;
import org.webp2p.rtmfp.chunk.Chunk;
import org.webp2p.rtmfp.chunk.IHello;
import org.webp2p.rtmfp.chunk.IIKeying;
import org.webp2p.rtmfp.chunk.PeerAddress;
import org.webp2p.rtmfp.chunk.RHelloCookieChange;
import org.webp2p.rtmfp.chunk.Redirect;
import org.webp2p.rtmfp.crypto.DhGroup;
import org.webp2p.rtmfp.crypto.EndpointDiscriminator;
import org.webp2p.rtmfp.crypto.LocalIdentity;
import org.webp2p.rtmfp.crypto.PacketCipher;
import org.webp2p.rtmfp.crypto.PeerId;
import org.webp2p.rtmfp.packet.DatagramCodec;
import org.webp2p.rtmfp.packet.Packet;
import org.webp2p.rtmfp.wire.Bytes;

class HandshakeTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final RtmfpParams PARAMS = RtmfpParams.defaults();
    private static final InetSocketAddress SERVER = new InetSocketAddress("10.0.0.1", 1935);
    private static final InetSocketAddress CLIENT = new InetSocketAddress("10.0.0.2", 5000);
    private static final InetSocketAddress STRANGER = new InetSocketAddress("10.0.0.99", 7777);
    private static final String URI = "rtmfp://10.0.0.1/live";

    private static LocalIdentity server() {
        return LocalIdentity.ephemeral(PARAMS.dhGroups(), true, PARAMS.dhPrivateKeyBits(), RANDOM);
    }

    private static LocalIdentity peer() {
        return LocalIdentity.ephemeral(PARAMS.dhGroups(), false, PARAMS.dhPrivateKeyBits(), RANDOM);
    }

    @Test
    void opensSessionToServerUriAndBothSidesKnowEachOther() {
        FakeNetwork net = new FakeNetwork(1);
        RtmfpCore server = net.add("10.0.0.1", 1935, server(), PARAMS);
        RtmfpCore client = net.add("10.0.0.2", 5000, peer(), PARAMS);
        List<Session> incoming = new ArrayList<>();
        server.setIncomingSessionHandler(incoming::add);

        CompletableFuture<Session> opened = client.open(EndpointDiscriminator.forServer(URI), List.of(SERVER),
                new SessionListener() { });
        net.run(50);

        Session session = completed(opened);
        assertThat(session.farPeerId()).isEqualTo(server.identity().peerId());
        assertThat(session.farAddress()).isEqualTo(SERVER);
        assertThat(incoming).hasSize(1);
        assertThat(incoming.get(0).farPeerId()).isEqualTo(client.identity().peerId());
        assertThat(incoming.get(0).farAddress()).isEqualTo(CLIENT);
        assertThat(server.drops().total()).isZero();
    }

    @Test
    void opensSessionByPeerIdWithStaticKeysOnBothSides() {
        RtmfpParams group2 = PARAMS.toBuilder().dhGroups(List.of(DhGroup.MODP_1024)).build();
        FakeNetwork net = new FakeNetwork(2);
        LocalIdentity responderIdentity = LocalIdentity.withStaticKeys(List.of(DhGroup.MODP_1024), 256, RANDOM);
        RtmfpCore responder = net.add("10.0.0.1", 1935, responderIdentity, group2);
        RtmfpCore initiator = net.add("10.0.0.2", 5000,
                LocalIdentity.withStaticKeys(List.of(DhGroup.MODP_1024), 256, RANDOM), group2);

        CompletableFuture<Session> opened = initiator.open(EndpointDiscriminator.forPeer(responderIdentity.peerId()),
                List.of(SERVER), new SessionListener() { });
        net.run(50);

        assertThat(completed(opened).farPeerId()).isEqualTo(responder.identity().peerId());
        assertThat(responder.sessions()).hasSize(1);
    }

    @Test
    void retransmitsIHelloUntilAnswered() {
        FakeNetwork net = new FakeNetwork(3);
        net.add("10.0.0.1", 1935, server(), PARAMS);
        RtmfpCore client = net.add("10.0.0.2", 5000, peer(), PARAMS);
        net.block((from, to) -> true);
        CompletableFuture<Session> opened = client.open(EndpointDiscriminator.forServer(URI), List.of(SERVER),
                new SessionListener() { });
        net.run(500);
        net.block((from, to) -> false);
        net.run(3000);
        assertThat(opened).isCompleted();
    }

    @Test
    void failsOpeningWhenNobodyAnswers() {
        FakeNetwork net = new FakeNetwork(4);
        RtmfpCore client = net.add("10.0.0.2", 5000, peer(), PARAMS.toBuilder().openTimeoutMillis(5000).build());
        CompletableFuture<Session> opened = client.open(EndpointDiscriminator.forServer(URI), List.of(SERVER),
                new SessionListener() { });
        net.run(6000);
        assertThat(opened).isCompletedExceptionally();
    }

    @Test
    void ignoresIHelloForAnotherPeerId() {
        FakeNetwork net = new FakeNetwork(5);
        RtmfpCore responder = net.add("10.0.0.1", 1935, peer(), PARAMS);
        RtmfpCore client = net.add("10.0.0.2", 5000, peer(), PARAMS.toBuilder().openTimeoutMillis(2000).build());
        PeerId stranger = new PeerId(Bytes.of(new byte[32]));
        CompletableFuture<Session> opened = client.open(EndpointDiscriminator.forPeer(stranger), List.of(SERVER),
                new SessionListener() { });
        net.run(2500);
        assertThat(opened).isCompletedExceptionally();
        assertThat(responder.drops().get(DropReason.NOT_FOR_US)).isPositive();
    }

    @Test
    void rhelloStaysWithinThreeTimesTheIHello() {
        FakeNetwork net = new FakeNetwork(6);
        net.add("10.0.0.1", 1935, server(), PARAMS);
        RtmfpCore client = net.add("10.0.0.2", 5000, peer(), PARAMS);
        client.open(EndpointDiscriminator.forServer(URI), List.of(SERVER), new SessionListener() { });
        net.run(20);
        FakeNetwork.Datagram ihello = net.delivered().get(0);
        FakeNetwork.Datagram rhello = net.delivered().get(1);
        assertThat(rhello.from()).isEqualTo(SERVER);
        assertThat(rhello.bytes().length).isLessThanOrEqualTo(3 * ihello.bytes().length);
    }

    @Test
    void refusesRHelloLargerThanTheAmplificationLimit() {
        RtmfpParams strict = PARAMS.toBuilder().maxHelloAmplification(1).openTimeoutMillis(1000).build();
        FakeNetwork net = new FakeNetwork(7);
        RtmfpCore server = net.add("10.0.0.1", 1935, server(), strict);
        RtmfpCore client = net.add("10.0.0.2", 5000, peer(), strict);
        client.open(EndpointDiscriminator.forServer(URI), List.of(SERVER), new SessionListener() { });
        net.run(1500);
        assertThat(server.drops().get(DropReason.AMPLIFICATION_LIMIT)).isPositive();
        assertThat(server.sessions()).isEmpty();
    }

    @Test
    void answersOneIHelloPerDatagramWithinThreeTimesItsLength() {
        FakeNetwork net = new FakeNetwork(21);
        RtmfpCore server = net.add("10.0.0.1", 1935, server(), PARAMS);
        net.add(STRANGER.getHostString(), STRANGER.getPort(), peer(), PARAMS);
        List<Chunk> hellos = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            hellos.add(new IHello(EndpointDiscriminator.forServer(URI).encode(), Bytes.of(new byte[] {(byte) i, 1, 2, 3})));
        }
        byte[] datagram = DatagramCodec.encode(0, Packet.startup(hellos), PacketCipher.defaultCipher());

        net.inject(STRANGER, SERVER, datagram);
        net.run(10);

        List<FakeNetwork.Datagram> answers = net.delivered().stream().filter(d -> d.to().equals(STRANGER)).toList();
        assertThat(answers).hasSize(1);
        assertThat(answers.stream().mapToInt(d -> d.bytes().length).sum()).isLessThanOrEqualTo(3 * datagram.length);
        assertThat(server.drops().get(DropReason.AMPLIFICATION_LIMIT)).isEqualTo(9);
    }

    @Test
    void redirectIsNoLargerThanTheIHelloAndKeepsTheFirstAddressesThatFit() {
        FakeNetwork net = new FakeNetwork(22);
        RtmfpCore full = net.add("10.0.0.1", 1935, server(), PARAMS);
        RtmfpCore stranger = net.add(STRANGER.getHostString(), STRANGER.getPort(), peer(), PARAMS);
        List<InetSocketAddress> elsewhere = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            elsewhere.add(new InetSocketAddress("10.1.0." + i, 1935));
        }
        full.setHelloAdmission(initiator -> elsewhere);
        // A bare IHello as any initiator may send it, without padding: 68 bytes.
        byte[] ihello = DatagramCodec.encode(0, Packet.startup(List.of(new IHello(
                EndpointDiscriminator.forServer(URI).encode(), Bytes.of(new byte[16])))), PacketCipher.defaultCipher());

        net.inject(STRANGER, SERVER, ihello);
        net.run(10);

        FakeNetwork.Datagram answer = net.delivered().stream().filter(d -> d.to().equals(STRANGER)).findFirst().orElseThrow();
        assertThat(answer.bytes().length).isLessThanOrEqualTo(ihello.length);
        Redirect redirect = (Redirect) DatagramCodec.decode(answer.bytes(), PacketCipher.defaultCipher()).orElseThrow()
                .chunks().get(0);
        assertThat(redirect.destinations()).isNotEmpty().hasSizeLessThan(elsewhere.size());
        assertThat(redirect.destinations().stream().map(PeerAddress::socketAddress).toList())
                .isEqualTo(elsewhere.subList(0, redirect.destinations().size()));
        assertThat(stranger.drops().get(DropReason.UNSOLICITED)).isEqualTo(1);
    }

    @Test
    void forwardedIHelloIsNoLargerThanTheIHelloThatAskedForIt() {
        FakeNetwork net = new FakeNetwork(23);
        RtmfpCore rendezvous = net.add("10.0.0.1", 1935, server(), PARAMS);
        RtmfpCore bob = net.add("10.0.0.3", 6000, peer(), PARAMS);
        List<Session> registered = registeredWith(rendezvous);
        rendezvous.setIHelloHandler(hello -> registered.forEach(hello::forwardTo));
        bob.open(EndpointDiscriminator.forServer(URI), List.of(SERVER), new SessionListener() { });
        net.run(50);
        assertThat(registered).hasSize(1);
        byte[] ihello = DatagramCodec.encode(0, Packet.startup(List.of(new IHello(
                EndpointDiscriminator.forPeer(bob.identity().peerId()).encode(), Bytes.of(new byte[16])))),
                PacketCipher.defaultCipher());
        InetSocketAddress v6Initiator = new InetSocketAddress("fd00::2", 5000);
        int before = net.delivered().size();

        net.inject(CLIENT, SERVER, ihello);
        net.inject(v6Initiator, SERVER, ihello);
        net.run(10);

        List<FakeNetwork.Datagram> forwarded = net.delivered().subList(before, net.delivered().size()).stream()
                .filter(d -> d.from().equals(SERVER) && d.to().equals(new InetSocketAddress("10.0.0.3", 6000))).toList();
        assertThat(forwarded).as("the IPv4 initiator's, 68 bytes like its IHello").singleElement()
                .satisfies(d -> assertThat(d.bytes().length).isLessThanOrEqualTo(ihello.length));
        assertThat(rendezvous.drops().get(DropReason.AMPLIFICATION_LIMIT)).as("the IPv6 address does not fit").isEqualTo(1);
    }

    @Test
    void ourIHellosLeaveRoomToIntroduceAnIPv6InitiatorWithEveryAddress() {
        FakeNetwork net = new FakeNetwork(24);
        RtmfpCore rendezvous = net.add("10.0.0.1", 1935, server(), PARAMS);
        RtmfpCore bob = net.add("10.0.0.3", 6000, peer(), PARAMS);
        RtmfpCore alice = net.add("fd00::2", 5000, peer(), PARAMS);
        List<Session> registered = registeredWith(rendezvous);
        List<InetSocketAddress> bobAddresses = new ArrayList<>(List.of(new InetSocketAddress("10.0.0.3", 6000)));
        for (int i = 1; i <= 8; i++) {
            bobAddresses.add(new InetSocketAddress("192.168.0." + i, 6000));
        }
        rendezvous.setIHelloHandler(hello -> registered.stream().filter(s -> s.farAddress().getPort() == 6000)
                .findFirst().ifPresent(target -> {
                    hello.forwardTo(target);
                    hello.redirect(bobAddresses);
                }));
        bob.open(EndpointDiscriminator.forServer(URI), List.of(SERVER), new SessionListener() { });
        net.run(50);

        CompletableFuture<Session> toBob = alice.open(EndpointDiscriminator.forPeer(bob.identity().peerId()),
                List.of(SERVER), new SessionListener() { });
        net.run(100);

        assertThat(completed(toBob).farAddress()).isEqualTo(new InetSocketAddress("10.0.0.3", 6000));
        assertThat(rendezvous.drops().get(DropReason.AMPLIFICATION_LIMIT)).isZero();
        Redirect redirect = net.delivered().stream().filter(d -> d.from().equals(SERVER) && d.to().getPort() == 5000)
                .map(d -> DatagramCodec.decode(d.bytes(), PacketCipher.defaultCipher()).orElseThrow().chunks().get(0))
                .filter(Redirect.class::isInstance).map(Redirect.class::cast).findFirst().orElseThrow();
        assertThat(redirect.destinations()).hasSize(bobAddresses.size());
    }

    @Test
    void answersReplayedIIKeyingWithoutSecondSessionAndRejectsForgedCookie() {
        FakeNetwork net = new FakeNetwork(8);
        RtmfpCore server = net.add("10.0.0.1", 1935, server(), PARAMS);
        RtmfpCore client = net.add("10.0.0.2", 5000, peer(), PARAMS);
        client.open(EndpointDiscriminator.forServer(URI), List.of(SERVER), new SessionListener() { });
        net.run(50);
        FakeNetwork.Datagram iikeying = net.delivered().stream().filter(d -> d.to().equals(SERVER)).skip(1).findFirst()
                .orElseThrow();
        int delivered = net.delivered().size();

        net.inject(CLIENT, SERVER, iikeying.bytes());
        net.run(20);
        assertThat(server.sessions()).hasSize(1);
        assertThat(net.delivered().subList(delivered, net.delivered().size()))
                .anyMatch(d -> d.from().equals(SERVER) && d.to().equals(CLIENT));

        Packet original = DatagramCodec.decode(iikeying.bytes(), PacketCipher.defaultCipher()).orElseThrow();
        IIKeying keying = (IIKeying) original.chunks().get(0);
        byte[] forgedCookie = keying.cookieEcho().toByteArray();
        forgedCookie[10] ^= 1; // inside the authenticity MAC
        IIKeying forged = new IIKeying(keying.initiatorSessionId() ^ 1, Bytes.of(forgedCookie),
                keying.initiatorCertificate(), keying.sessionKeyComponent(), keying.signature());
        net.inject(CLIENT, SERVER, DatagramCodec.encode(0, Packet.startup(List.of(forged)), PacketCipher.defaultCipher()));
        net.run(20);
        assertThat(server.drops().get(DropReason.BAD_COOKIE)).isEqualTo(1);
        assertThat(server.sessions()).hasSize(1);
    }

    @Test
    void cookieReplayedFromAnotherAddressGetsOnlyACookieChange() {
        FakeNetwork net = new FakeNetwork(9);
        RtmfpCore server = net.add("10.0.0.1", 1935, server(), PARAMS);
        RtmfpCore client = net.add("10.0.0.2", 5000, peer(), PARAMS);
        client.open(EndpointDiscriminator.forServer(URI), List.of(SERVER), new SessionListener() { });
        net.run(50);
        FakeNetwork.Datagram iikeying = net.delivered().stream().filter(d -> d.to().equals(SERVER)).skip(1).findFirst()
                .orElseThrow();
        InetSocketAddress elsewhere = new InetSocketAddress("10.0.0.66", 4000);
        RtmfpCore listener = net.add("10.0.0.66", 4000, peer(), PARAMS);
        net.inject(elsewhere, SERVER, iikeying.bytes());
        net.run(20);
        assertThat(server.sessions()).hasSize(1);
        assertThat(listener.drops().get(DropReason.UNKNOWN_SESSION)).as("the cookie change addressed to the initiator's session ID")
                .isEqualTo(1);
    }

    @Test
    void admissionRedirectsIHellosForTheServerItselfToAnotherServer() {
        FakeNetwork net = new FakeNetwork(7);
        InetSocketAddress otherAddress = new InetSocketAddress("10.0.0.3", 1935);
        RtmfpCore full = net.add("10.0.0.1", 1935, server(), PARAMS);
        RtmfpCore other = net.add("10.0.0.3", 1935, server(), PARAMS);
        RtmfpCore client = net.add("10.0.0.2", 5000, peer(), PARAMS);
        List<InetSocketAddress> asked = new ArrayList<>();
        full.setHelloAdmission(initiator -> {
            asked.add(initiator);
            return List.of(otherAddress);
        });
        List<Session> atOther = new ArrayList<>();
        other.setIncomingSessionHandler(atOther::add);

        CompletableFuture<Session> opened = client.open(EndpointDiscriminator.forServer(URI), List.of(SERVER),
                new SessionListener() { });
        net.run(100);

        assertThat(completed(opened).farAddress()).isEqualTo(otherAddress);
        assertThat(atOther).hasSize(1);
        assertThat(full.sessions()).isEmpty();
        assertThat(asked).isNotEmpty().allSatisfy(a -> assertThat(a).isEqualTo(CLIENT));
    }

    @Test
    void introducesPeersThroughRendezvousWithRedirectAndForwardedIHello() {
        FakeNetwork net = new FakeNetwork(10);
        RtmfpCore rendezvous = net.add("10.0.0.1", 1935, server(), PARAMS);
        RtmfpCore alice = net.add("10.0.0.2", 5000, peer(), PARAMS);
        RtmfpCore bob = net.add("10.0.0.3", 6000, peer(), PARAMS);
        List<Session> registered = registeredWith(rendezvous);
        rendezvous.setIHelloHandler(hello -> registered.stream()
                .filter(s -> hello.discriminator().peerId().filter(s.farPeerId()::equals).isPresent())
                .findFirst()
                .ifPresent(target -> {
                    hello.forwardTo(target);
                    hello.redirect(List.of(target.farAddress()));
                }));
        alice.open(EndpointDiscriminator.forServer(URI), List.of(SERVER), new SessionListener() { });
        bob.open(EndpointDiscriminator.forServer(URI), List.of(SERVER), new SessionListener() { });
        net.run(50);
        assertThat(registered).hasSize(2);
        List<Session> bobIncoming = new ArrayList<>();
        bob.setIncomingSessionHandler(bobIncoming::add);

        CompletableFuture<Session> toBob = alice.open(EndpointDiscriminator.forPeer(bob.identity().peerId()),
                List.of(SERVER), new SessionListener() { });
        net.run(100);

        assertThat(completed(toBob).farPeerId()).isEqualTo(bob.identity().peerId());
        assertThat(completed(toBob).farAddress()).isEqualTo(new InetSocketAddress("10.0.0.3", 6000));
        assertThat(bobIncoming).singleElement().satisfies(s -> assertThat(s.farPeerId()).isEqualTo(alice.identity().peerId()));
    }

    @Test
    void addressChangeBetweenRHelloAndIIKeyingIsAnsweredWithCookieChange() {
        FakeNetwork net = new FakeNetwork(11);
        RtmfpCore server = net.add("10.0.0.1", 1935, server(), PARAMS);
        RtmfpCore client = net.add("10.0.0.2", 5000, peer(), PARAMS);
        int[] toServer = {0};
        // Let the IHello through and hold back the first IIKeying; then the client's NAT rebinds.
        net.block((from, to) -> to.equals(SERVER) && ++toServer[0] == 2);
        CompletableFuture<Session> opened = client.open(EndpointDiscriminator.forServer(URI), List.of(SERVER),
                new SessionListener() { });
        net.run(20);
        InetSocketAddress rebound = new InetSocketAddress("10.0.0.2", 5999);
        net.rewriteSource(CLIENT, rebound);
        net.run(3000);

        assertThat(opened).isCompleted();
        assertThat(server.sessions()).singleElement().satisfies(s -> assertThat(s.farAddress()).isEqualTo(rebound));
        assertThat(net.delivered()).anyMatch(d -> d.from().equals(SERVER)
                && DatagramCodec.decode(d.bytes(), PacketCipher.defaultCipher())
                .map(p -> p.chunks().get(0) instanceof RHelloCookieChange).orElse(false));
    }

    @Test
    void expiredCookieIsRefused() {
        RtmfpParams shortCookies = PARAMS.toBuilder().cookieLifetimeMillis(1000).openTimeoutMillis(4000).build();
        FakeNetwork net = new FakeNetwork(12);
        RtmfpCore server = net.add("10.0.0.1", 1935, server(), shortCookies);
        RtmfpCore client = net.add("10.0.0.2", 5000, peer(), shortCookies);
        int[] toServer = {0};
        // Hold back the IIKeying and its first retransmission; the second comes 3.5 s after the RHello.
        net.block((from, to) -> to.equals(SERVER) && ++toServer[0] >= 2 && toServer[0] <= 3);
        client.open(EndpointDiscriminator.forServer(URI), List.of(SERVER), new SessionListener() { });
        net.run(4500);
        assertThat(server.drops().get(DropReason.BAD_COOKIE)).isPositive();
        assertThat(server.sessions()).isEmpty();
    }

    @Test
    void simultaneousOpeningsAgreeOnOneSession() {
        FakeNetwork net = new FakeNetwork(13);
        RtmfpCore alice = net.add("10.0.0.2", 5000, peer(), PARAMS);
        RtmfpCore bob = net.add("10.0.0.3", 6000, peer(), PARAMS);
        CompletableFuture<Session> aliceToBob = alice.open(EndpointDiscriminator.forPeer(bob.identity().peerId()),
                List.of(new InetSocketAddress("10.0.0.3", 6000)), new SessionListener() { });
        CompletableFuture<Session> bobToAlice = bob.open(EndpointDiscriminator.forPeer(alice.identity().peerId()),
                List.of(CLIENT), new SessionListener() { });
        net.run(3000);
        assertThat(completed(aliceToBob).farPeerId()).isEqualTo(bob.identity().peerId());
        assertThat(completed(bobToAlice).farPeerId()).isEqualTo(alice.identity().peerId());
        assertThat(alice.sessions()).hasSize(1);
        assertThat(bob.sessions()).hasSize(1);
    }

    @Test
    void limitsSessionsFromOneAddress() {
        RtmfpParams oneEach = PARAMS.toBuilder().maxSessionsPerAddress(1).openTimeoutMillis(2000).build();
        FakeNetwork net = new FakeNetwork(14);
        RtmfpCore server = net.add("10.0.0.1", 1935, server(), oneEach);
        RtmfpCore first = net.add("10.0.0.2", 5000, peer(), oneEach);
        RtmfpCore second = net.add("10.0.0.2", 5001, peer(), oneEach);
        CompletableFuture<Session> a = first.open(EndpointDiscriminator.forServer(URI), List.of(SERVER), new SessionListener() { });
        net.run(50);
        CompletableFuture<Session> b = second.open(EndpointDiscriminator.forServer(URI), List.of(SERVER), new SessionListener() { });
        net.run(2500);
        assertThat(a).isCompleted();
        assertThat(b).isCompletedExceptionally();
        assertThat(server.drops().get(DropReason.RESOURCE_LIMIT)).isPositive();
    }

    @Test
    void openingAPeerWeAlreadyHaveASessionWithReusesIt() {
        FakeNetwork net = new FakeNetwork(15);
        RtmfpCore alice = net.add("10.0.0.2", 5000, peer(), PARAMS);
        RtmfpCore bob = net.add("10.0.0.3", 6000, peer(), PARAMS);
        InetSocketAddress bobAddress = new InetSocketAddress("10.0.0.3", 6000);
        CompletableFuture<Session> first = alice.open(EndpointDiscriminator.forPeer(bob.identity().peerId()),
                List.of(bobAddress), new SessionListener() { });
        net.run(50);
        int datagrams = net.delivered().size();
        CompletableFuture<Session> second = alice.open(EndpointDiscriminator.forPeer(bob.identity().peerId()),
                List.of(bobAddress), new SessionListener() { });
        assertThat(completed(second)).isSameAs(completed(first));
        net.run(10);
        assertThat(net.delivered()).hasSize(datagrams);
    }

    /** The sessions peers open to {@code rendezvous}, as they open. */
    private static List<Session> registeredWith(RtmfpCore rendezvous) {
        List<Session> registered = new ArrayList<>();
        rendezvous.setIncomingSessionHandler(registered::add);
        return registered;
    }

    private static <T> T completed(CompletableFuture<T> future) {
        assertThat(future).isCompleted();
        return future.join();
    }
}
