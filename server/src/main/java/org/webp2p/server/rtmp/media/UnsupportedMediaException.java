package org.webp2p.server.rtmp.media;

/**
 * A publisher sent a codec or format the origin does not carry; the message says which, in words an
 * operator can act on (it is sent to the encoder and written to the event log).
 */
public final class UnsupportedMediaException extends Exception {
    private static final long serialVersionUID = 1L;

    public UnsupportedMediaException(String message) {
        super(message);
    }
}
