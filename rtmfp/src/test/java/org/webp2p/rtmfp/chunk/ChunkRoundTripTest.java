package org.webp2p.rtmfp.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.webp2p.rtmfp.packet.Packet;
import org.webp2p.rtmfp.packet.PacketCodec;
import org.webp2p.rtmfp.packet.PacketMode;
import org.webp2p.rtmfp.wire.Bytes;
import org.webp2p.rtmfp.wire.WireOption;

/** Every chunk type survives encode then decode, for a seeded spread of field values. */
class ChunkRoundTripTest {
    private final Random random = new Random(7016);

    private Bytes bytes(int min, int max) {
        byte[] b = new byte[min + random.nextInt(max - min + 1)];
        random.nextBytes(b);
        return Bytes.of(b);
    }

    private long vlu() {
        // Spread over one- to nine-byte encodings.
        return random.nextLong() >>> (1 + random.nextInt(63));
    }

    private PeerAddress address() {
        byte[] ip = new byte[random.nextBoolean() ? 4 : 16];
        random.nextBytes(ip);
        if (ip.length == 16) {
            ip[0] = 0x20; // avoid v4-mapped forms, which Java folds to IPv4
        }
        try {
            return new PeerAddress(new InetSocketAddress(InetAddress.getByAddress(ip), random.nextInt(65536)),
                    AddressOrigin.fromBits(random.nextInt(4)));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 and 16 bytes are valid IP lengths", e);
        }
    }

    private List<WireOption> options() {
        List<WireOption> options = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            options.add(new WireOption(random.nextInt(0x40), bytes(0, 20).toByteArray()));
        }
        return options;
    }

    private List<Function<Random, Chunk>> generators() {
        return List.of(
                r -> new IHello(bytes(1, 40), bytes(1, 16)),
                r -> new ForwardedIHello(bytes(1, 40), address(), bytes(1, 16)),
                r -> new RHello(bytes(0, 16), bytes(1, 64), bytes(0, 100)),
                r -> new Redirect(bytes(0, 16), List.of(address(), address())),
                r -> new RHelloCookieChange(bytes(1, 64), bytes(1, 64)),
                r -> new IIKeying(1 + r.nextInt(Integer.MAX_VALUE), bytes(0, 64), bytes(0, 200), bytes(0, 200), bytes(0, 4)),
                r -> new RIKeying(1 + r.nextInt(Integer.MAX_VALUE), bytes(0, 200), bytes(0, 4)),
                r -> new Ping(bytes(0, 30)),
                r -> new PingReply(bytes(0, 30)),
                r -> {
                    long sequence = 1 + (vlu() >>> 1);
                    return new UserData(vlu(), sequence, r.nextInt((int) Math.min(sequence, 1000) + 1),
                            Fragment.fromBits(r.nextInt(4)), r.nextBoolean(), r.nextBoolean(), options(), bytes(0, 300));
                },
                r -> new NextUserData(Fragment.fromBits(r.nextInt(4)), r.nextBoolean(), r.nextBoolean(), options(), bytes(0, 300)),
                r -> new DataAckBitmap(vlu(), vlu(), vlu(), bytes(0, 8)),
                r -> {
                    long cumulative = r.nextInt(1000);
                    List<SequenceRange> ranges = new ArrayList<>();
                    long end = cumulative;
                    for (int i = r.nextInt(5); i > 0; i--) {
                        long first = end + 2 + r.nextInt(10);
                        end = first + r.nextInt(10);
                        ranges.add(new SequenceRange(first, end));
                    }
                    return new DataAckRanges(vlu(), vlu(), cumulative, ranges);
                },
                r -> new BufferProbe(vlu()),
                r -> new FlowExceptionReport(vlu(), vlu()),
                r -> new SessionCloseRequest(),
                r -> new SessionCloseAck(),
                r -> new UnknownChunk(0x20 + r.nextInt(0x0f), bytes(0, 40)));
    }

    @Test
    void everyChunkTypeRoundTripsInsideAPacket() {
        for (int round = 0; round < 200; round++) {
            List<Chunk> chunks = new ArrayList<>();
            for (Function<Random, Chunk> generator : generators()) {
                if (random.nextInt(3) == 0) {
                    chunks.add(generator.apply(random));
                }
            }
            Packet packet = new Packet(PacketMode.fromBits(1 + random.nextInt(3)), random.nextBoolean(), random.nextBoolean(),
                    random.nextBoolean() ? random.nextInt(65536) : -1, random.nextBoolean() ? random.nextInt(65536) : -1, chunks);
            byte[] encoded = PacketCodec.encode(packet);
            assertThat(PacketCodec.decode(encoded, 0, encoded.length)).isEqualTo(packet);
            assertThat(chunks.stream().mapToInt(ChunkCodec::encodedLength).sum())
                    .isEqualTo(encoded.length - 1 - (packet.hasTimestamp() ? 2 : 0) - (packet.hasTimestampEcho() ? 2 : 0));
        }
    }
}
