package org.webp2p.rtmfp.session;

/** Fails an opening's future: no usable answer came in time, or the endpoint stopped. */
public final class SessionOpenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message why the session could not be opened */
    public SessionOpenException(String message) {
        super(message);
    }
}
