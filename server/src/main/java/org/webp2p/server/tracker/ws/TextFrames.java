package org.webp2p.server.tracker.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

/**
 * Server-to-client text frames (RFC 6455 §5.2: final, unmasked) whose header goes in front of a payload
 * already written, in the same buffer: Netty's encoder would allocate a header and, for a payload under
 * 1 KiB such as a relayed offer, copy header and payload into a third buffer. A frame made here passes
 * the encoder untouched, as the plain buffer it is.
 */
final class TextFrames {
    /** The longest header written in place: 2 bytes and a 16-bit length, for payloads under 64 KiB. */
    private static final int HEADROOM = 4;

    private TextFrames() {
    }

    /** A buffer to write a payload of about {@code payloadHint} bytes into, with room for its header before it. */
    static ByteBuf open(ByteBufAllocator alloc, int payloadHint) {
        ByteBuf b = alloc.buffer(HEADROOM + payloadHint);
        b.writerIndex(HEADROOM);
        return b;
    }

    /**
     * The frame to write for the payload written into {@code b} since {@link #open}: {@code b} itself with
     * the header in front, or, for 64 KiB and more, which no relay reaches, a frame for Netty's encoder.
     */
    static Object close(ByteBuf b) {
        int length = b.writerIndex() - HEADROOM;
        if (length < 126) {
            b.setByte(2, 0x81);
            b.setByte(3, length);
            return b.readerIndex(2);
        }
        if (length < 65536) {
            b.setByte(0, 0x81);
            b.setByte(1, 126);
            b.setShort(2, length);
            return b.readerIndex(0);
        }
        return new TextWebSocketFrame(b.readerIndex(HEADROOM));
    }
}
