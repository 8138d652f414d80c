package org.webp2p.nat.stun;

import java.nio.charset.StandardCharsets;

/**
 * ERROR-CODE (RFC 8489 §14.8): the numeric code of a failed request and a reason for humans.
 *
 * @param code 300 to 699
 * @param reason UTF-8 reason phrase, at most 763 bytes
 */
public record ErrorCode(int code, String reason) implements StunAttribute {
    /** Attribute type. */
    public static final int TYPE = 0x0009;

    /** The request was malformed (RFC 8489 §14.8). */
    public static final int BAD_REQUEST = 400;
    /** The request had comprehension-required attributes the server does not know (RFC 8489 §14.8). */
    public static final int UNKNOWN_ATTRIBUTE = 420;

    public ErrorCode {
        if (code < 300 || code > 699) {
            throw new IllegalArgumentException("error code out of range: " + code);
        }
        if (reason == null || reason.getBytes(StandardCharsets.UTF_8).length > 763) {
            throw new IllegalArgumentException("reason is required and at most 763 bytes");
        }
    }

    @Override
    public int type() {
        return TYPE;
    }
}
