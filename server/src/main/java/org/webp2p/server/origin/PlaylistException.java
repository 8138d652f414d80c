package org.webp2p.server.origin;

/** An uploaded playlist that cannot be used; the message says why, for the 400 answer. */
final class PlaylistException extends Exception {
    public PlaylistException(String message) {
        super(message);
    }
}
