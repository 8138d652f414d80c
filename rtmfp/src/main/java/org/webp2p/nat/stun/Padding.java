package org.webp2p.nat.stun;

/**
 * PADDING (RFC 5780 §7.6): filler that makes a message large enough to test fragmentation. Only its
 * length matters; it is sent as zeros.
 *
 * @param length bytes of filler, before the 4-byte alignment every attribute gets
 */
public record Padding(int length) implements StunAttribute {
    /** Attribute type. */
    public static final int TYPE = 0x0026;

    public Padding {
        if (length < 0 || length > 0xFFFF) {
            throw new IllegalArgumentException("padding length out of range: " + length);
        }
    }

    @Override
    public int type() {
        return TYPE;
    }
}
