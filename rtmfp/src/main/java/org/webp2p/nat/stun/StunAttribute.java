package org.webp2p.nat.stun;

/**
 * One attribute of a STUN message. Each attribute the codec understands is its own record named as
 * its RFC names it; anything else travels as an {@link OpaqueAttribute}.
 */
public sealed interface StunAttribute
        permits AddressAttribute, ChangeRequest, ErrorCode, Fingerprint, OpaqueAttribute, Padding, ResponsePort,
        Software, UnknownAttributes {

    /** The 16-bit attribute type. */
    int type();

    /**
     * True for types 0x0000-0x7FFF: an agent that does not understand one of these must not process
     * the message (RFC 8489 §14).
     */
    static boolean isComprehensionRequired(int type) {
        return type < 0x8000;
    }
}
