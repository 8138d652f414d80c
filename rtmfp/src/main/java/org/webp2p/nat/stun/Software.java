package org.webp2p.nat.stun;

import java.nio.charset.StandardCharsets;

/**
 * SOFTWARE (RFC 8489 §14.14): a description of the agent, for diagnostics. RFC 3489 called the same
 * code point SERVER.
 *
 * @param description fewer than 128 characters, at most 763 bytes of UTF-8
 */
public record Software(String description) implements StunAttribute {
    /** Attribute type. */
    public static final int TYPE = 0x8022;

    public Software {
        if (description == null) {
            throw new IllegalArgumentException("description is required");
        }
        if (description.codePointCount(0, description.length()) >= 128
                || description.getBytes(StandardCharsets.UTF_8).length > 763) {
            throw new IllegalArgumentException("SOFTWARE is limited to 127 characters and 763 bytes");
        }
    }

    @Override
    public int type() {
        return TYPE;
    }
}
