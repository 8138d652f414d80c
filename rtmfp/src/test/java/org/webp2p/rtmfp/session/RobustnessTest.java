package org.webp2p.rtmfp.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.webp2p.rtmfp.DropReason;
import org.webp2p.rtmfp.RtmfpParams;
import org.webp2p.rtmfp.crypto.EndpointDiscriminator;
import org.webp2p.rtmfp.crypto.LocalIdentity;
import org.webp2p.rtmfp.crypto.PacketCipher;
import org.webp2p.rtmfp.packet.DatagramCodec;
import org.webp2p.rtmfp.packet.Packet;
import org.webp2p.rtmfp.packet.ScrambledSessionId;
import org.webp2p.rtmfp.wire.Bytes;

class RobustnessTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final RtmfpParams PARAMS = RtmfpParams.defaults();
    private static final InetSocketAddress SERVER = new InetSocketAddress("10.0.0.1", 1935);
    private static final InetSocketAddress CLIENT = new InetSocketAddress("10.0.0.2", 5000);
    private static final InetSocketAddress STRANGER = new InetSocketAddress("10.0.0.99", 7777);
    private static final int FUZZ_BUDGET = 20_000;

    private final List<byte[]> received = new ArrayList<>();
    private RtmfpCore server;
    private Session serverSide;
    private Session clientSide;

    private FakeNetwork connected(long seed) {
        FakeNetwork net = new FakeNetwork(seed);
        server = net.add("10.0.0.1", 1935, LocalIdentity.ephemeral(PARAMS.dhGroups(), true, 256, RANDOM), PARAMS);
        RtmfpCore client = net.add("10.0.0.2", 5000, LocalIdentity.ephemeral(PARAMS.dhGroups(), false, 256, RANDOM), PARAMS);
        server.setIncomingSessionHandler(s -> {
            serverSide = s;
            s.setListener(new SessionListener() {
                @Override
                public void onFlow(ReceiveFlow flow) {
                    flow.setMessageListener((f, m) -> received.add(m));
                }
            });
        });
        CompletableFuture<Session> opened = client.open(EndpointDiscriminator.forServer("rtmfp://x/y"), List.of(SERVER),
                new SessionListener() { });
        net.run(50);
        clientSide = completed(opened);
        return net;
    }

    @Test
    void countsShortAndUndecryptableDatagrams() {
        FakeNetwork net = connected(30);
        net.inject(STRANGER, SERVER, new byte[5]);
        net.inject(STRANGER, SERVER, new byte[20]);
        byte[] wrongSession = DatagramCodec.encode(0x12345678L, Packet.startup(List.of()),
                PacketCipher.defaultCipher());
        net.inject(STRANGER, SERVER, wrongSession);
        net.run(10);
        assertThat(server.drops().get(DropReason.TOO_SHORT)).isEqualTo(1);
        assertThat(server.drops().get(DropReason.BAD_CHECKSUM)).isEqualTo(1);
        assertThat(server.drops().get(DropReason.UNKNOWN_SESSION)).isEqualTo(1);
    }

    @Test
    void countsMalformedChunkInsideValidCiphertext() {
        FakeNetwork net = connected(31);
        // startup flags, then an IHello chunk claiming 16 bytes but holding 2
        byte[] plain = Bytes.fromHex("03 30 0010 0102").toByteArray();
        byte[] encrypted = PacketCipher.defaultCipher().encrypt(plain);
        byte[] datagram = new byte[4 + encrypted.length];
        System.arraycopy(encrypted, 0, datagram, 4, encrypted.length);
        // session ID 0 scrambled: XOR of the first two encrypted words
        for (int i = 0; i < 4; i++) {
            datagram[i] = (byte) (encrypted[i] ^ encrypted[i + 4]);
        }
        net.inject(STRANGER, SERVER, datagram);
        net.run(10);
        assertThat(server.drops().get(DropReason.MALFORMED)).isEqualTo(1);
    }

    @Test
    void replayedSessionPacketIsCountedAndNotDeliveredTwice() {
        FakeNetwork net = connected(33);
        int handshakeDatagrams = net.delivered().size();
        clientSide.openFlow(Bytes.fromHex("01")).send("once".getBytes());
        net.run(100);
        FakeNetwork.Datagram data = net.delivered().subList(handshakeDatagrams, net.delivered().size()).stream()
                .filter(d -> d.to().equals(SERVER)).findFirst().orElseThrow();
        net.inject(CLIENT, SERVER, data.bytes());
        net.run(100);
        assertThat(received).hasSize(1);
        assertThat(server.drops().get(DropReason.DUPLICATE)).isPositive();
    }

    @Test
    void survivesSeededFuzzAndKeepsWorking() {
        FakeNetwork net = connected(32);
        clientSide.openFlow(Bytes.fromHex("01")).send(new byte[3000]);
        net.run(200);
        List<byte[]> valid = net.delivered().stream().map(FakeNetwork.Datagram::bytes).toList();
        Random fuzz = new Random(0x5eed);
        PacketCipher[] ciphers = {PacketCipher.defaultCipher(), serverSide.cipher()};
        long[] sessionIds = {0, serverSide.nearSessionId(), fuzz.nextInt() & 0xffffffffL};

        assertThatCode(() -> {
            for (int i = 0; i < FUZZ_BUDGET; i++) {
                byte[] datagram = switch (i % 3) {
                    case 0 -> randomBytes(fuzz, fuzz.nextInt(80));
                    case 1 -> mutate(fuzz, valid.get(fuzz.nextInt(valid.size())));
                    default -> encryptedGarbage(fuzz, ciphers[fuzz.nextInt(2)], sessionIds[fuzz.nextInt(3)]);
                };
                server.onDatagram(fuzz.nextBoolean() ? CLIENT : STRANGER, datagram);
                if (i % 1000 == 0) {
                    server.onTick();
                }
            }
        }).doesNotThrowAnyException();

        assertThat(server.drops().total()).isPositive();
        received.clear();
        clientSide.openFlow(Bytes.fromHex("02")).send("still alive".getBytes());
        net.run(500);
        assertThat(received).anyMatch(m -> Arrays.equals(m, "still alive".getBytes()));
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] mutate(Random random, byte[] original) {
        byte[] copy = switch (random.nextInt(3)) {
            case 0 -> Arrays.copyOf(original, random.nextInt(original.length + 1));
            case 1 -> Arrays.copyOf(original, original.length + random.nextInt(32));
            default -> original.clone();
        };
        for (int flips = random.nextInt(4); flips >= 0 && copy.length > 0; flips--) {
            copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return copy;
    }

    /** A datagram that decrypts and checksums fine but whose packet is random: reaches the parsers. */
    private static byte[] encryptedGarbage(Random random, PacketCipher cipher, long sessionId) {
        byte[] plain = randomBytes(random, 1 + random.nextInt(60));
        // Keep the mode bits non-zero half the time so the chunk parser, not the header check, sees it.
        if (random.nextBoolean()) {
            plain[0] = (byte) ((plain[0] & 0xfc) | (1 + random.nextInt(3)));
        }
        byte[] encrypted = cipher.encrypt(plain);
        byte[] datagram = new byte[4 + encrypted.length];
        System.arraycopy(encrypted, 0, datagram, 4, encrypted.length);
        long scrambled = ScrambledSessionId.scramble(sessionId, encrypted, 0);
        for (int i = 0; i < 4; i++) {
            datagram[i] = (byte) (scrambled >>> (24 - 8 * i));
        }
        return datagram;
    }

    private static <T> T completed(CompletableFuture<T> future) {
        assertThat(future).isCompleted();
        return future.join();
    }
}
