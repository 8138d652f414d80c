package org.webp2p.rtmfp.wire;

/**
 * Raised by the wire readers when bytes do not follow the RFC 7016 layouts.
 *
 * <p>It is unchecked so codecs stay short; the packet dispatcher catches it at one place and counts
 * the datagram as dropped, so it never escapes to a network handler.
 */
public final class MalformedInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what was wrong with the input */
    public MalformedInputException(String message) {
        super(message, null, false, false);
    }
}
