package org.webp2p.protocol;

import java.util.regex.Pattern;

/**
 * The checks messages make in their compact constructors, worded alike everywhere. A server reading
 * a request turns the message into a 400 with that reason; a client building one fails before
 * sending it.
 */
public final class Require {
    /** Swarm names, session and peer IDs: URL-safe text, 1 to 128 characters. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9._~-]{1,128}");
    /**
     * Swarm names: a stream's name, or one of its renditions' ({@code STREAM/RENDITION}, as the origin
     * names them), at most 128 characters; no part is {@code .} or {@code ..}, so a name read as a path
     * stays where it was meant to.
     */
    public static final Pattern SWARM = Pattern.compile(
            "(?=.{1,128}$)(?!(?:.*/)?\\.\\.?(?:/|$))[A-Za-z0-9._~-]+(?:/[A-Za-z0-9._~-]+)*");

    private Require() {
    }

    public static void that(boolean ok, String reason) {
        if (!ok) {
            throw new IllegalArgumentException(reason);
        }
    }

    /** {@code value} must be an {@link #ID}; {@code field} names it in the reason. */
    public static void swarm(String value, String field) {
        that(value != null && SWARM.matcher(value).matches(), field + " must be 1-128 characters of A-Z a-z 0-9 . _ ~ -,"
                + " with a / between a stream and its rendition");
    }

    public static void id(String value, String field) {
        that(value != null && ID.matcher(value).matches(), field + " must be 1-128 characters of A-Z a-z 0-9 . _ ~ -");
    }
}
