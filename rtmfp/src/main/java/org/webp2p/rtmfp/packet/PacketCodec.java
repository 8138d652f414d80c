package org.webp2p.rtmfp.packet;

import java.util.ArrayList;
import java.util.List;
import org.webp2p.rtmfp.chunk.Chunk;
import org.webp2p.rtmfp.chunk.ChunkCodec;
import org.webp2p.rtmfp.wire.MalformedInputException;
import org.webp2p.rtmfp.wire.WireReader;
import org.webp2p.rtmfp.wire.WireWriter;

/** Encodes and decodes the plain (decrypted) packet of RFC 7016 §2.2.4. Stateless. */
public final class PacketCodec {
    static final int FLAG_TC = 0x80;
    static final int FLAG_TCR = 0x40;
    static final int FLAG_TS = 0x08;
    static final int FLAG_TSE = 0x04;
    /** Chunk types reserved as padding: the rest of the packet is filler (RFC 7016 §2.2.4). */
    static final int PADDING_00 = 0x00;
    static final int PADDING_FF = 0xff;

    private PacketCodec() {
    }

    public static byte[] encode(Packet packet) {
        WireWriter out = new WireWriter(256);
        writeHeader(packet, out);
        for (Chunk chunk : packet.chunks()) {
            ChunkCodec.write(chunk, out);
        }
        return out.toByteArray();
    }

    /** The length {@link #encode} gives {@code packet}. */
    public static int encodedLength(Packet packet) {
        int length = 1 + (packet.hasTimestamp() ? 2 : 0) + (packet.hasTimestampEcho() ? 2 : 0);
        for (Chunk chunk : packet.chunks()) {
            length += ChunkCodec.encodedLength(chunk);
        }
        return length;
    }

    /** Writes the flags byte and timestamps; chunks follow. */
    public static void writeHeader(Packet packet, WireWriter out) {
        int flags = packet.mode().bits();
        if (packet.timeCritical()) {
            flags |= FLAG_TC;
        }
        if (packet.timeCriticalReverse()) {
            flags |= FLAG_TCR;
        }
        if (packet.hasTimestamp()) {
            flags |= FLAG_TS;
        }
        if (packet.hasTimestampEcho()) {
            flags |= FLAG_TSE;
        }
        out.writeU8(flags);
        if (packet.hasTimestamp()) {
            out.writeU16(packet.timestamp());
        }
        if (packet.hasTimestampEcho()) {
            out.writeU16(packet.timestampEcho());
        }
    }

    /**
     * Decodes a plain packet. Unknown chunk types are kept as {@link org.webp2p.rtmfp.chunk.UnknownChunk}
     * so the caller may ignore them (RFC 7016 §2.3: unrecognised chunks are ignored).
     *
     * @throws MalformedInputException if any field is truncated or inconsistent
     */
    public static Packet decode(byte[] plain, int offset, int length) {
        WireReader in = new WireReader(plain, offset, length);
        int flags = in.readU8();
        PacketMode mode = PacketMode.fromBits(flags);
        int timestamp = (flags & FLAG_TS) != 0 ? in.readU16() : -1;
        int echo = (flags & FLAG_TSE) != 0 ? in.readU16() : -1;
        List<Chunk> chunks = new ArrayList<>();
        while (in.hasRemaining()) {
            int type = in.peekU8();
            if (type == PADDING_00 || type == PADDING_FF) {
                break;
            }
            in.skip(1);
            int chunkLength = in.readU16();
            chunks.add(ChunkCodec.read(type, in.slice(chunkLength)));
        }
        return new Packet(mode, (flags & FLAG_TC) != 0, (flags & FLAG_TCR) != 0, timestamp, echo, chunks);
    }
}
