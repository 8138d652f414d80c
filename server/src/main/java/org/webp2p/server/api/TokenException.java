package org.webp2p.server.api;

/** A token refused, with why; the API answers 401 or 403 accordingly. */
public final class TokenException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a token was refused. */
    public enum Reason {
        MISSING, MALFORMED, BAD_SIGNATURE, EXPIRED, WRONG_STREAM
    }

    private final Reason reason;

    public TokenException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
