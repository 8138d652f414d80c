package org.webp2p.server.tracker.ws;

/**
 * The 20-character identifiers of the WebTorrent wire ({@code info_hash}, {@code peer_id},
 * {@code to_peer_id}): JavaScript strings whose characters stand for bytes, so each is at most
 * U+00FF. JSON carries them as text, and JSON escapes such as {@code \u0007} are already characters
 * here; they are kept and echoed as they came, never converted to bytes and back.
 */
final class WireId {
    static final int LENGTH = 20;
    /** Offer ids are echoed, not interpreted; clients make them 20 characters, a little slack is fine. */
    static final int MAX_OFFER_ID = 64;

    private WireId() {
    }

    /** @throws IllegalArgumentException naming {@code field} when {@code value} is not such an id */
    static String require(String field, String value) {
        if (value == null || value.length() != LENGTH || !latin1(value)) {
            throw new IllegalArgumentException("invalid " + field + ": must be a string of 20 characters U+0000-U+00FF");
        }
        return value;
    }

    static String requireOfferId(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_OFFER_ID || !latin1(value)) {
            throw new IllegalArgumentException("invalid offer_id: must be a string of 1-" + MAX_OFFER_ID
                    + " characters U+0000-U+00FF");
        }
        return value;
    }

    private static boolean latin1(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xFF) {
                return false;
            }
        }
        return true;
    }
}
