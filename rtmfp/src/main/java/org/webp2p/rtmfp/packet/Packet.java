package org.webp2p.rtmfp.packet;

import java.util.List;
import java.util.Objects;
import org.webp2p.rtmfp.chunk.Chunk;

/**
 * A decrypted RTMFP packet (RFC 7016 §2.2.4): header flags, optional timestamps, chunks.
 *
 * @param mode           the MOD field
 * @param timeCritical   TC: the packet carries time-critical data
 * @param timeCriticalReverse TCR: time-critical data was recently received
 * @param timestamp      16-bit timestamp in 4 ms ticks, or -1 when absent
 * @param timestampEcho  16-bit echoed timestamp, or -1 when absent
 * @param chunks         the chunks, padding excluded
 */
public record Packet(PacketMode mode, boolean timeCritical, boolean timeCriticalReverse, int timestamp,
                     int timestampEcho, List<Chunk> chunks) {
    public Packet {
        Objects.requireNonNull(mode);
        if (timestamp < -1 || timestamp > 0xffff || timestampEcho < -1 || timestampEcho > 0xffff) {
            throw new IllegalArgumentException("timestamps are 16-bit or -1");
        }
        chunks = List.copyOf(chunks);
    }

    /** A startup-mode packet without timestamps, as handshakes use. */
    public static Packet startup(List<Chunk> chunks) {
        return new Packet(PacketMode.STARTUP, false, false, -1, -1, chunks);
    }

    public boolean hasTimestamp() {
        return timestamp >= 0;
    }

    public boolean hasTimestampEcho() {
        return timestampEcho >= 0;
    }
}
