package org.webp2p.rtmfp.chunk;

/** The FRA field of a User Data chunk (RFC 7016 §2.3.11): where a fragment sits in its message. */
public enum Fragment {
    WHOLE, BEGIN, END, MIDDLE;

    public static Fragment fromBits(int bits) {
        return values()[bits & 0x03];
    }

    /** True if a message starts with this fragment. */
    public boolean startsMessage() {
        return this == WHOLE || this == BEGIN;
    }

    /** True if a message ends with this fragment. */
    public boolean endsMessage() {
        return this == WHOLE || this == END;
    }
}
