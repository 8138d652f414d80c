package org.webp2p.server.rtmp.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * An aggregate message (specification §6.1.2, §7.1.6): audio, video and data messages one after
 * another, each behind an 11-byte header as FLV frames its tags and followed by a 4-byte back
 * pointer. The first one plays at the aggregate's own timestamp, the others as far after it as their
 * headers say.
 */
public final class AggregateMessage {
    private static final int HEADER = 11;
    private static final int BACK_POINTER = 4;

    private AggregateMessage() {
    }

    /** The messages inside, on the aggregate's message stream. */
    public static List<RtmpMessage> split(RtmpMessage aggregate) throws RtmpProtocolException {
        byte[] p = aggregate.payload();
        List<RtmpMessage> out = new ArrayList<>();
        long first = -1;
        int at = 0;
        while (at < p.length) {
            if (at + HEADER > p.length) {
                throw malformed("a header cut short at byte " + at);
            }
            int type = p[at] & 0xff;
            int size = u24(p, at + 1);
            long timestamp = u24(p, at + 4) | ((long) (p[at + 7] & 0xff) << 24);
            if (size > p.length - at - HEADER - BACK_POINTER) {
                throw malformed("a message of " + size + " bytes runs past its end");
            }
            if (first < 0) {
                first = timestamp;
            }
            byte[] body = new byte[size];
            System.arraycopy(p, at + HEADER, body, 0, size);
            out.add(new RtmpMessage(type, (aggregate.timestamp() + timestamp - first) & 0xffffffffL, aggregate.streamId(), body));
            at += HEADER + size + BACK_POINTER;
        }
        return out;
    }

    private static RtmpProtocolException malformed(String what) {
        return new RtmpProtocolException(Violation.MALFORMED_MESSAGE, "aggregate message with " + what);
    }

    private static int u24(byte[] p, int at) {
        return ((p[at] & 0xff) << 16) | ((p[at + 1] & 0xff) << 8) | (p[at + 2] & 0xff);
    }
}
