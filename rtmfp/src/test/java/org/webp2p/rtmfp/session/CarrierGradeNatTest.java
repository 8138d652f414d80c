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
import org.webp2p.rtmfp.chunk.IHello;
import org.webp2p.rtmfp.crypto.DhGroup;
import org.webp2p.rtmfp.crypto.EndpointDiscriminator;
import org.webp2p.rtmfp.crypto.LocalIdentity;
import org.webp2p.rtmfp.crypto.PacketCipher;
import org.webp2p.rtmfp.packet.DatagramCodec;
import org.webp2p.rtmfp.packet.Packet;
import org.webp2p.rtmfp.wire.Bytes;

/**
 * Many clients behind one address, as under a carrier-grade NAT: the default limits serve them,
 * the sessions of those who vanish end within the keepalive's 30 s, and only a flood from one
 * address is held to the handshake rate.
 */
class CarrierGradeNatTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The defaults, with the smaller group only to keep a thousand key agreements quick. */
    private static final RtmfpParams PARAMS = RtmfpParams.defaults().toBuilder().dhGroups(List.of(DhGroup.MODP_1024)).build();
    private static final String NAT = "10.0.0.2";
    private static final InetSocketAddress SERVER = new InetSocketAddress("10.0.0.1", 1935);
    private static final String URI = "rtmfp://10.0.0.1/webp2p";

    private static RtmfpCore server(FakeNetwork net) {
        return net.add("10.0.0.1", 1935, LocalIdentity.ephemeral(PARAMS.dhGroups(), true, PARAMS.dhPrivateKeyBits(), RANDOM),
                PARAMS);
    }

    private static RtmfpCore client(FakeNetwork net, int port) {
        return net.add(NAT, port, LocalIdentity.ephemeral(PARAMS.dhGroups(), false, PARAMS.dhPrivateKeyBits(), RANDOM),
                PARAMS);
    }

    /** Clients behind the NAT arriving one every {@code spacingMillis}, each connecting to the server. */
    private static List<CompletableFuture<Session>> crowd(FakeNetwork net, int size, long spacingMillis) {
        List<CompletableFuture<Session>> opened = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            opened.add(connect(client(net, 5000 + i)));
            net.run(spacingMillis);
        }
        return opened;
    }

    private static CompletableFuture<Session> connect(RtmfpCore client) {
        return client.open(EndpointDiscriminator.forServer(URI), List.of(SERVER), new SessionListener() { });
    }

    @Test
    void sessionsOfSixtyFourVanishedClientsEndWithinThirtySecondsAndTheNextIsServed() {
        FakeNetwork net = new FakeNetwork(50);
        RtmfpCore server = server(net);
        List<CompletableFuture<Session>> opened = crowd(net, 64, 0);
        net.run(100);
        assertThat(opened).allSatisfy(f -> assertThat(f).isCompleted());
        assertThat(server.sessions()).hasSize(64);

        // Gone without a word: the clients' NAT mappings expired, or their process was killed.
        net.block((from, to) -> from.getHostString().equals(NAT) || to.getHostString().equals(NAT));
        net.run(PARAMS.idleTimeoutMillis() + 10);

        assertThat(PARAMS.idleTimeoutMillis()).isLessThanOrEqualTo(30_000);
        assertThat(server.sessions()).isEmpty();
        net.block((from, to) -> false);
        CompletableFuture<Session> next = connect(client(net, 6000));
        net.run(100);
        assertThat(next).isCompleted();
        assertThat(server.sessions()).hasSize(1);
        assertThat(server.drops().get(DropReason.RESOURCE_LIMIT)).isZero();
    }

    @Test
    void aCrowdOfAThousandArrivingBehindOneAddressIsServedToTheLast() {
        FakeNetwork net = new FakeNetwork(51);
        RtmfpCore server = server(net);
        List<CompletableFuture<Session>> opened = crowd(net, 1000, 20);
        net.run(500);

        assertThat(opened).allSatisfy(f -> assertThat(f).isCompleted());
        assertThat(opened.get(999).join().state()).isEqualTo(SessionState.OPEN);
        assertThat(server.sessions()).hasSize(1000);
        assertThat(server.drops().get(DropReason.RESOURCE_LIMIT)).isZero();
        assertThat(server.drops().get(DropReason.RATE_LIMIT)).isZero();
    }

    @Test
    void aFloodFromOneAddressIsAnsweredOnlyAtTheHandshakeRate() {
        FakeNetwork net = new FakeNetwork(52);
        RtmfpCore server = server(net);
        InetSocketAddress flooder = new InetSocketAddress("10.0.0.66", 4000);
        net.add(flooder.getHostString(), flooder.getPort(), LocalIdentity.ephemeral(PARAMS.dhGroups(), false, 256, RANDOM),
                PARAMS);
        int rate = PARAMS.maxHandshakesPerAddressPerSecond();

        for (int i = 0; i < 10 * rate; i++) {
            net.inject(flooder, SERVER, ihello(i));
        }
        List<CompletableFuture<Session>> others = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            RtmfpCore other = net.add("10.0.1." + (i + 1), 5000,
                    LocalIdentity.ephemeral(PARAMS.dhGroups(), false, PARAMS.dhPrivateKeyBits(), RANDOM), PARAMS);
            others.add(connect(other));
        }
        net.run(100);

        assertThat(answersTo(net, flooder)).isEqualTo(rate);
        assertThat(server.drops().get(DropReason.RATE_LIMIT)).isEqualTo(9L * rate);
        assertThat(others.stream().filter(CompletableFuture::isDone).count())
                .as("other addresses are served meanwhile (buckets are shared only by hash)").isGreaterThanOrEqualTo(9);

        net.run(1000);
        net.inject(flooder, SERVER, ihello(-1));
        net.run(10);
        assertThat(answersTo(net, flooder)).as("the bucket refills over a second").isEqualTo(rate + 1);
    }

    @Test
    void keepaliveHoldsAnIdleSessionOpenThroughLoss() {
        FakeNetwork net = new FakeNetwork(53);
        RtmfpCore server = server(net);
        CompletableFuture<Session> opened = connect(client(net, 5000));
        net.run(100);
        net.lossRate(0.1);

        net.run(600_000);

        assertThat(opened.join().state()).isEqualTo(SessionState.OPEN);
        assertThat(server.sessions()).singleElement().satisfies(s -> assertThat(s.state()).isEqualTo(SessionState.OPEN));
    }

    private static long answersTo(FakeNetwork net, InetSocketAddress to) {
        return net.delivered().stream().filter(d -> d.to().equals(to)).count();
    }

    private static byte[] ihello(int tag) {
        IHello hello = new IHello(EndpointDiscriminator.forServer(URI).encode(),
                Bytes.of(new byte[] {(byte) (tag >>> 24), (byte) (tag >>> 16), (byte) (tag >>> 8), (byte) tag}));
        return DatagramCodec.encode(0, Packet.startup(List.of(hello)), PacketCipher.defaultCipher());
    }
}
