package org.webp2p.rtmfp.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.webp2p.rtmfp.RtmfpParams;
import org.webp2p.rtmfp.chunk.IHello;
import org.webp2p.rtmfp.chunk.IIKeying;
import org.webp2p.rtmfp.chunk.RHello;
import org.webp2p.rtmfp.crypto.EndpointDiscriminator;
import org.webp2p.rtmfp.crypto.LocalIdentity;
import org.webp2p.rtmfp.crypto.PacketCipher;
import org.webp2p.rtmfp.packet.DatagramCodec;
import org.webp2p.rtmfp.packet.Packet;
import org.webp2p.rtmfp.packet.PacketCodec;
import org.webp2p.rtmfp.packet.ScrambledSessionId;
import org.webp2p.rtmfp.wire.Bytes;

/**
 * A startup datagram is sealed with a key everyone knows, so a stranger can make the core parse any
 * packet, and, after one honest IHello, any certificate and key component. The core never throws on
 * one (it counts and drops what it cannot use), and all it sends in answer stays within the
 * amplification limit. Each input meets a new core with the same seeded randomness, so a finding
 * replays exactly.
 */
class StartupDatagramFuzzTest {
    private static final RtmfpParams PARAMS = RtmfpParams.defaults();
    private static final InetSocketAddress SENDER = new InetSocketAddress(address(10, 0, 0, 2), 5000);
    private static final LocalIdentity IDENTITY =
            LocalIdentity.ephemeral(PARAMS.dhGroups(), true, PARAMS.dhPrivateKeyBits(), seeded(1));
    private static final PacketCipher STARTUP = PacketCipher.defaultCipher();

    @FuzzTest
    void answersWithinTheAmplificationLimitAndNeverThrows(FuzzedDataProvider data) {
        List<byte[]> sent = new ArrayList<>();
        RtmfpCore core = new RtmfpCore(PARAMS, IDENTITY, () -> 1_000_000L, (to, bytes) -> sent.add(bytes),
                CoreThread.callingThread(), seeded(2));
        byte[] datagram;
        if (data.consumeBoolean()) {
            datagram = sealed(data.consumeRemainingAsBytes());
        } else {
            datagram = sealed(PacketCodec.encode(Packet.startup(List.of(keyingAfterHello(core, sent, data)))));
        }
        core.onDatagram(SENDER, datagram);
        assertThat(sent.stream().mapToInt(b -> b.length).sum())
                .isLessThanOrEqualTo(PARAMS.maxHelloAmplification() * datagram.length);
    }

    /** An IIKeying of the fuzzer's making that echoes the cookie the core gave an honest IHello. */
    private static IIKeying keyingAfterHello(RtmfpCore core, List<byte[]> sent, FuzzedDataProvider data) {
        IHello hello = new IHello(EndpointDiscriminator.forServer("rtmfp://fuzz/app").encode(), Bytes.of(new byte[16]));
        core.onDatagram(SENDER, sealed(PacketCodec.encode(Packet.startup(List.of(hello)))));
        RHello answer = (RHello) DatagramCodec.decode(sent.get(0), STARTUP).orElseThrow().chunks().get(0);
        sent.clear();
        return new IIKeying(data.consumeLong(1, 0xffffffffL), answer.cookie(), Bytes.of(data.consumeBytes(256)),
                Bytes.of(data.consumeBytes(512)), Bytes.of(data.consumeRemainingAsBytes()));
    }

    /** {@code plain} as a datagram to session 0, with the default key, whatever the bytes say. */
    private static byte[] sealed(byte[] plain) {
        byte[] encrypted = STARTUP.encrypt(plain);
        byte[] datagram = new byte[DatagramCodec.SESSION_ID_LENGTH + encrypted.length];
        System.arraycopy(encrypted, 0, datagram, DatagramCodec.SESSION_ID_LENGTH, encrypted.length);
        long scrambled = ScrambledSessionId.scramble(0, encrypted, 0);
        for (int i = 0; i < DatagramCodec.SESSION_ID_LENGTH; i++) {
            datagram[i] = (byte) (scrambled >>> (24 - 8 * i));
        }
        return datagram;
    }

    private static SecureRandom seeded(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA1PRNG", e);
        }
    }

    private static InetAddress address(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
