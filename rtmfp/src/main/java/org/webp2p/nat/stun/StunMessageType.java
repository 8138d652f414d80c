package org.webp2p.nat.stun;

/**
 * The 14-bit STUN message type: a 12-bit method interleaved with the two class bits
 * (RFC 8489 §5: {@code M11..M7 C1 M6..M4 C0 M3..M0}).
 *
 * @param method the method, 0x000 to 0xFFF ({@link #BINDING} is the only one STUN itself defines)
 * @param messageClass request, indication, success or error response
 */
public record StunMessageType(int method, StunClass messageClass) {
    /** The Binding method (RFC 8489 §18.2). */
    public static final int BINDING = 0x001;

    public static final StunMessageType BINDING_REQUEST = new StunMessageType(BINDING, StunClass.REQUEST);
    public static final StunMessageType BINDING_SUCCESS = new StunMessageType(BINDING, StunClass.SUCCESS_RESPONSE);
    public static final StunMessageType BINDING_ERROR = new StunMessageType(BINDING, StunClass.ERROR_RESPONSE);

    public StunMessageType {
        if (method < 0 || method > 0xFFF) {
            throw new IllegalArgumentException("method out of range: " + method);
        }
        if (messageClass == null) {
            throw new IllegalArgumentException("messageClass is required");
        }
    }

    /** The type field as it travels; the two leading zero bits of the header are included. */
    public int encode() {
        int c = messageClass.bits();
        return (method & 0xF80) << 2 | (c & 0b10) << 7 | (method & 0x070) << 1 | (c & 0b01) << 4 | (method & 0x00F);
    }

    /** Reads a type field whose two leading bits are already known to be zero. */
    public static StunMessageType decode(int field) {
        int method = (field >> 2) & 0xF80 | (field >> 1) & 0x070 | field & 0x00F;
        int c = (field >> 7) & 0b10 | (field >> 4) & 0b01;
        return new StunMessageType(method, StunClass.ofBits(c));
    }

    /** The response type that answers this request type. */
    public StunMessageType response(boolean success) {
        return new StunMessageType(method, success ? StunClass.SUCCESS_RESPONSE : StunClass.ERROR_RESPONSE);
    }
}
