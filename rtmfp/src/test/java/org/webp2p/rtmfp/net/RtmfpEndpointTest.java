package org.webp2p.rtmfp.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.webp2p.nat.NatType;
import org.webp2p.nat.emulator.EmulatedNat;
import org.webp2p.nat.emulator.LoopbackLab;
import org.webp2p.nat.emulator.NatProfile;
import org.webp2p.rtmfp.RtmfpParams;
import org.webp2p.rtmfp.crypto.DhGroup;
import org.webp2p.rtmfp.crypto.LocalIdentity;
import org.webp2p.rtmfp.crypto.PeerId;
import org.webp2p.rtmfp.session.ReceiveFlow;
import org.webp2p.rtmfp.session.Session;
import org.webp2p.rtmfp.session.SessionListener;
import org.webp2p.rtmfp.session.SessionState;
import org.webp2p.rtmfp.wire.Bytes;

class RtmfpEndpointTest {
    private static final InetSocketAddress LOOPBACK_ANY_PORT = new InetSocketAddress("127.0.0.1", 0);
    private static final int MEGABYTE = 1 << 20;

    /** Completes with the first message of the first flow the far end opens. */
    private static SessionListener firstMessageInto(CompletableFuture<byte[]> sink) {
        return new SessionListener() {
            @Override
            public void onFlow(ReceiveFlow flow) {
                flow.setMessageListener((f, message) -> sink.complete(message));
            }
        };
    }

    private static byte[] randomBytes(long seed) {
        byte[] bytes = new byte[MEGABYTE];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @ParameterizedTest(name = "{0} loss")
    @ValueSource(doubles = {0.05, 0.20})
    void exchangesMegabyteBothWaysOverLossyLoopbackUdp(double loss) throws Exception {
        AtomicLong dropped = new AtomicLong();
        RtmfpParams params = RtmfpParams.defaults();
        LocalIdentity serverIdentity = LocalIdentity.ephemeral(params.dhGroups(), true, params.dhPrivateKeyBits(),
                new SecureRandom());
        CompletableFuture<byte[]> atServer = new CompletableFuture<>();
        CompletableFuture<byte[]> atClient = new CompletableFuture<>();
        try (RtmfpEndpoint server = RtmfpEndpoint.builder().localAddress(LOOPBACK_ANY_PORT).identity(serverIdentity)
                     .outboundDecorator(sink -> new LossySink(sink, loss, 1, dropped)).bind();
             RtmfpEndpoint client = RtmfpEndpoint.builder().localAddress(LOOPBACK_ANY_PORT)
                     .outboundDecorator(sink -> new LossySink(sink, loss, 2, dropped)).bind()) {
            byte[] up = randomBytes(10);
            byte[] down = randomBytes(20);
            server.setIncomingSessionHandler(session -> {
                session.setListener(firstMessageInto(atServer));
                session.openFlow(Bytes.fromHex("02")).send(down);
            });

            Session session = client.connect("rtmfp://localhost/test", server.localAddress(), firstMessageInto(atClient))
                    .get(10, TimeUnit.SECONDS);
            CompletableFuture<Void> upAcked = session.openFlow(Bytes.fromHex("01")).send(up);

            assertThat(atServer.get(30, TimeUnit.SECONDS)).isEqualTo(up);
            assertThat(atClient.get(30, TimeUnit.SECONDS)).isEqualTo(down);
            upAcked.get(10, TimeUnit.SECONDS);
            assertThat(dropped.get()).isPositive();
            assertThat(session.farPeerId()).isEqualTo(server.peerId());
        }
    }

    @Test
    void closingTheEndpointTellsFarEndsAndFreesThePort() throws Exception {
        try (RtmfpEndpoint server = RtmfpEndpoint.builder().localAddress(LOOPBACK_ANY_PORT)
                     .identity(LocalIdentity.ephemeral(List.of(DhGroup.MODP_1024), true, 256, new SecureRandom())).bind();
             RtmfpEndpoint client = RtmfpEndpoint.builder().localAddress(LOOPBACK_ANY_PORT).bind()) {
            InetSocketAddress address = server.localAddress();
            Session session = client.connect("rtmfp://localhost/x", address, new SessionListener() { })
                    .get(5, TimeUnit.SECONDS);
            assertThat(server.sessions()).hasSize(1);
            server.close();
            try (RtmfpEndpoint again = RtmfpEndpoint.builder().localAddress(address).bind()) {
                assertThat(again.localAddress()).isEqualTo(address);
            }
            assertThat(session.farAddress()).isEqualTo(address);
            await("the far end was told").atMost(Duration.ofSeconds(2))
                    .until(session::state, state -> state != SessionState.OPEN);
            assertThat(session.state()).as("the far end was told").isEqualTo(SessionState.FAR_CLOSED);
        }
    }

    @Test
    void peersMeetThroughARendezvousOverUdp() throws Exception {
        RtmfpParams params = RtmfpParams.defaults();
        LocalIdentity serverIdentity = LocalIdentity.ephemeral(params.dhGroups(), true, params.dhPrivateKeyBits(),
                new SecureRandom());
        try (RtmfpEndpoint rendezvous = RtmfpEndpoint.builder().localAddress(LOOPBACK_ANY_PORT).identity(serverIdentity).bind();
             RtmfpEndpoint alice = RtmfpEndpoint.builder().localAddress(LOOPBACK_ANY_PORT).bind();
             RtmfpEndpoint bob = RtmfpEndpoint.builder().localAddress(LOOPBACK_ANY_PORT).bind()) {
            Map<PeerId, Session> registry = new ConcurrentHashMap<>();
            rendezvous.setIncomingSessionHandler(session -> registry.put(session.farPeerId(), session));
            rendezvous.setIHelloHandler(hello -> hello.discriminator().peerId().map(registry::get).ifPresent(target -> {
                hello.forwardTo(target);
                hello.redirect(List.of(target.farAddress()));
            }));
            alice.connect("rtmfp://localhost/app", rendezvous.localAddress(), new SessionListener() { }).get(5, TimeUnit.SECONDS);
            bob.connect("rtmfp://localhost/app", rendezvous.localAddress(), new SessionListener() { }).get(5, TimeUnit.SECONDS);
            CompletableFuture<byte[]> atBob = new CompletableFuture<>();
            bob.setIncomingSessionHandler(session -> session.setListener(firstMessageInto(atBob)));

            Session toBob = alice.connectToPeer(bob.peerId(), List.of(rendezvous.localAddress()), new SessionListener() { })
                    .get(5, TimeUnit.SECONDS);
            toBob.openFlow(Bytes.fromHex("01")).send("hello bob".getBytes());

            assertThat(toBob.farAddress()).isEqualTo(bob.localAddress());
            assertThat(atBob.get(5, TimeUnit.SECONDS)).isEqualTo("hello bob".getBytes());
        }
    }

    @Test
    void sharesAGivenLoopAndTalksFromBehindAnEmulatedNat() throws Exception {
        EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        CompletableFuture<byte[]> atServer = new CompletableFuture<>();
        CompletableFuture<InetSocketAddress> seenFrom = new CompletableFuture<>();
        try (LoopbackLab lab = new LoopbackLab(Duration.ofSeconds(30))) {
            EmulatedNat nat = lab.nat(NatProfile.of(NatType.PORT_RESTRICTED_CONE));
            RtmfpParams params = RtmfpParams.defaults();
            LocalIdentity serverIdentity = LocalIdentity.ephemeral(params.dhGroups(), true, params.dhPrivateKeyBits(),
                    new SecureRandom());
            try (RtmfpEndpoint server = RtmfpEndpoint.builder().localAddress(LOOPBACK_ANY_PORT).identity(serverIdentity)
                         .eventLoop(loop).bind();
                 RtmfpEndpoint client = RtmfpEndpoint.builder().localAddress(new InetSocketAddress(nat.insideAddress(), 0))
                         .tunnel(nat.tunnel()).eventLoop(loop).bind()) {
                server.setIncomingSessionHandler(session -> {
                    seenFrom.complete(session.farAddress());
                    session.setListener(firstMessageInto(atServer));
                });

                Session session = client.connect("rtmfp://localhost/test", server.localAddress(), new SessionListener() { })
                        .get(10, TimeUnit.SECONDS);
                session.openFlow(Bytes.fromHex("01")).send(new byte[] {1, 2, 3});

                assertThat(atServer.get(10, TimeUnit.SECONDS)).containsExactly(1, 2, 3);
                assertThat(seenFrom.get().getAddress()).as("the server sees the NAT's public address")
                        .isEqualTo(nat.publicAddress());
                assertThat(nat.counters().translatedOut()).isPositive();
            }
            assertThat(loop.isShuttingDown()).as("closing endpoints leaves a loop they were given").isFalse();
        } finally {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
