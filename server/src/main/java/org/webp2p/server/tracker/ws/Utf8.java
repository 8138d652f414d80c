package org.webp2p.server.tracker.ws;

import io.netty.buffer.ByteBuf;

/**
 * Whether bytes are well-formed UTF-8 (RFC 3629 §4, the Unicode Standard's table 3-7): RFC 6455 §8.1
 * closes a connection whose text message is not. Checked on the whole message, eight bytes at a time
 * while they are ASCII, which SDP and JSON nearly always are; Netty's validator looks at every byte on
 * its own, and was the largest single cost of reading a message.
 */
final class Utf8 {
    private static final long NON_ASCII = 0x8080808080808080L;

    private Utf8() {
    }

    static boolean valid(ByteBuf b, int from, int to) {
        int i = from;
        while (i < to) {
            if (i + 8 <= to && (b.getLong(i) & NON_ASCII) == 0) {
                i += 8;
                continue;
            }
            int c = b.getByte(i) & 0xFF;
            if (c < 0x80) {
                i++;
                continue;
            }
            int n = sequenceLength(c);
            if (n == 0 || i + n > to || !secondByteFits(c, b.getByte(i + 1) & 0xFF)) {
                return false;
            }
            for (int k = 2; k < n; k++) {
                if (!continuation(b.getByte(i + k))) {
                    return false;
                }
            }
            i += n;
        }
        return true;
    }

    /** 2, 3 or 4 for a lead byte that may start a sequence; 0 for one that never does (C0, C1, F5-FF, 80-BF). */
    private static int sequenceLength(int lead) {
        if (lead >= 0xC2 && lead <= 0xDF) {
            return 2;
        }
        if (lead >= 0xE0 && lead <= 0xEF) {
            return 3;
        }
        if (lead >= 0xF0 && lead <= 0xF4) {
            return 4;
        }
        return 0;
    }

    /** The second byte's range depends on the lead: this is what rules out overlong forms, surrogates and past U+10FFFF. */
    private static boolean secondByteFits(int lead, int second) {
        return switch (lead) {
            case 0xE0 -> second >= 0xA0 && second <= 0xBF;
            case 0xED -> second >= 0x80 && second <= 0x9F;
            case 0xF0 -> second >= 0x90 && second <= 0xBF;
            case 0xF4 -> second >= 0x80 && second <= 0x8F;
            default -> second >= 0x80 && second <= 0xBF;
        };
    }

    private static boolean continuation(byte b) {
        return (b & 0xC0) == 0x80;
    }
}
