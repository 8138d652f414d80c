package org.webp2p.server.rtmp.wire;

import io.netty.buffer.ByteBuf;

/**
 * Splits our messages into chunks (specification §5.3): a type-0 chunk, then type-3 chunks of at
 * most the chunk size, each repeating an extended timestamp when the message has one (§5.3.1.3).
 * Every message opens with a full header: our few answers gain nothing from the shorter ones. A Set
 * Chunk Size message it encodes applies to the chunks after it. Not thread-safe: one connection's
 * event loop owns it.
 */
public final class ChunkEncoder {
    private int chunkSize = RtmpParams.DEFAULT_CHUNK_SIZE;

    /** Writes {@code message} as chunks of chunk stream {@code chunkStreamId} (2 to 65599). */
    public void encode(int chunkStreamId, RtmpMessage message, ByteBuf out) {
        if (chunkStreamId < RtmpParams.CONTROL_CHUNK_STREAM || chunkStreamId > RtmpParams.MAX_CHUNK_STREAM_ID) {
            throw new IllegalArgumentException("chunk stream IDs are 2 to 65599: " + chunkStreamId);
        }
        byte[] payload = message.payload();
        boolean extended = message.timestamp() >= RtmpParams.EXTENDED_TIMESTAMP;
        basicHeader(0, chunkStreamId, out);
        out.writeMedium(extended ? RtmpParams.EXTENDED_TIMESTAMP : (int) message.timestamp());
        out.writeMedium(payload.length);
        out.writeByte(message.type());
        out.writeIntLE(message.streamId());
        int offset = 0;
        do {
            if (offset > 0) {
                basicHeader(3, chunkStreamId, out);
            }
            if (extended) {
                out.writeInt((int) message.timestamp());
            }
            int n = Math.min(chunkSize, payload.length - offset);
            out.writeBytes(payload, offset, n);
            offset += n;
        } while (offset < payload.length);
        if (message.type() == RtmpMessage.SET_CHUNK_SIZE) {
            try {
                chunkSize = ((ControlMessage.SetChunkSize) ControlCodec.decode(message)).size();
            } catch (RtmpProtocolException e) {
                throw new IllegalArgumentException("our own Set Chunk Size is out of range", e);
            }
        }
    }

    public int chunkSize() {
        return chunkSize;
    }

    private static void basicHeader(int fmt, int csid, ByteBuf out) {
        if (csid < 64) {
            out.writeByte((fmt << 6) | csid);
        } else if (csid < 320) {
            out.writeByte(fmt << 6);
            out.writeByte(csid - 64);
        } else {
            out.writeByte((fmt << 6) | 1);
            out.writeByte((csid - 64) & 0xff);
            out.writeByte((csid - 64) >> 8);
        }
    }
}
