package org.webp2p.nat.stun;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An attribute this codec does not interpret (USERNAME, MESSAGE-INTEGRITY, ICE attributes, future
 * ones), kept byte for byte so a message survives decoding and encoding unchanged.
 *
 * @param type the attribute type
 * @param value the value without padding; copied in and out
 */
public record OpaqueAttribute(int type, byte[] value) implements StunAttribute {

    public OpaqueAttribute {
        if (type < 0 || type > 0xFFFF) {
            throw new IllegalArgumentException("attribute type out of range: " + type);
        }
        if (AttributeCodec.INTERPRETED.contains(type)) {
            // Otherwise the same bytes would decode to a different record and round trips would break.
            throw new IllegalArgumentException(String.format("type 0x%04x has its own record", type));
        }
        if (value == null || value.length > 0xFFFF) {
            throw new IllegalArgumentException("value is required and at most 65535 bytes");
        }
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OpaqueAttribute other && type == other.type && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return String.format("OpaqueAttribute[type=0x%04x, value=%s]", type, HexFormat.of().formatHex(value));
    }
}
