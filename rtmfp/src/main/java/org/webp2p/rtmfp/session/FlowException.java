package org.webp2p.rtmfp.session;

/** Completes message futures exceptionally when a flow or its session ends before delivery. */
public final class FlowException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message why the message was not delivered */
    public FlowException(String message) {
        super(message);
    }
}
