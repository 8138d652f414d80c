package org.webp2p.nat.stun;

import java.util.List;

/**
 * UNKNOWN-ATTRIBUTES (RFC 8489 §14.9): in a 420 response, the comprehension-required attribute types
 * the server did not understand.
 *
 * @param types 16-bit attribute types
 */
public record UnknownAttributes(List<Integer> types) implements StunAttribute {
    /** Attribute type. */
    public static final int TYPE = 0x000A;

    public UnknownAttributes {
        types = List.copyOf(types);
        for (int t : types) {
            if (t < 0 || t > 0xFFFF) {
                throw new IllegalArgumentException("attribute type out of range: " + t);
            }
        }
    }

    @Override
    public int type() {
        return TYPE;
    }
}
