package org.webp2p.rtmfp.wire;

/** Sizes of Variable Length Unsigned integers (RFC 7016 §2.1.2): 7 bits per byte, high bit = more. */
public final class Vlu {
    /** Nine 7-bit groups carry any non-negative long. */
    public static final int MAX_LENGTH = 9;

    private Vlu() {
    }

    public static int encodedLength(long value) {
        int length = 1;
        while ((value >>>= 7) != 0) {
            length++;
        }
        return length;
    }
}
