package org.webp2p.server.tracker.ws;

import io.netty.buffer.ByteBuf;

/**
 * Server-to-client text frames (RFC 6455 §5.2: final, unmasked) written straight into a socket's
 * outgoing buffer, one after the other, each header put in front of its payload once the payload is
 * written: Netty's encoder would allocate a header and, for a payload under 1 KiB such as a relayed
 * offer, copy header and payload into a third buffer, and one buffer per message would be one entry
 * of the channel's queue each.
 */
final class TextFrames {
    /** Room kept for the header: 2 bytes and a 16-bit length, what every relay needs. */
    private static final int HEADROOM = 4;
    /** The header for 64 KiB and more: 2 bytes and a 64-bit length. */
    private static final int LONG_HEADER = 10;

    private TextFrames() {
    }

    /** Starts a frame at the end of {@code out}; write its payload after, then {@link #end}. */
    static int begin(ByteBuf out) {
        int start = out.writerIndex();
        out.writeZero(HEADROOM);
        return start;
    }

    /**
     * Puts the header of the frame begun at {@code start} in front of the payload written since, in the
     * fewest bytes §5.2 allows, so that the frame ends where {@code out} does.
     */
    static void end(ByteBuf out, int start) {
        int payload = start + HEADROOM;
        int length = out.writerIndex() - payload;
        if (length < 126) {
            out.setByte(start, 0x81);
            out.setByte(start + 1, length);
            moveBack(out, payload, 2, length);
            out.writerIndex(start + 2 + length);
        } else if (length < 65536) {
            out.setByte(start, 0x81);
            out.setByte(start + 1, 126);
            out.setShort(start + 2, length);
        } else {
            // No relay is this large (messages in are at most 64 KiB); a copy is fine here.
            byte[] bytes = new byte[length];
            out.getBytes(payload, bytes);
            out.writerIndex(start);
            out.ensureWritable(LONG_HEADER + length);
            out.writeByte(0x81).writeByte(127).writeLong(length).writeBytes(bytes);
        }
    }

    /** Moves {@code length} bytes at {@code from} {@code by} bytes towards the start: forward, so overlap is safe. */
    private static void moveBack(ByteBuf out, int from, int by, int length) {
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            out.setLong(from - by + i, out.getLong(from + i));
        }
        for (; i < length; i++) {
            out.setByte(from - by + i, out.getByte(from + i));
        }
    }
}
