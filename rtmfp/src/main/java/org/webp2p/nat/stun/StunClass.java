package org.webp2p.nat.stun;

/** The class of a STUN message, carried in bits C1 and C0 of the message type (RFC 8489 §5). */
public enum StunClass {
    /** Asks for a response. */
    REQUEST(0b00),
    /** Expects no response. */
    INDICATION(0b01),
    /** Answers a request that succeeded. */
    SUCCESS_RESPONSE(0b10),
    /** Answers a request that failed; carries ERROR-CODE. */
    ERROR_RESPONSE(0b11);

    private final int bits;

    StunClass(int bits) {
        this.bits = bits;
    }

    /** The two class bits, C1 then C0. */
    public int bits() {
        return bits;
    }

    /** The class with these two bits. */
    public static StunClass ofBits(int bits) {
        return values()[bits & 0b11];
    }
}
