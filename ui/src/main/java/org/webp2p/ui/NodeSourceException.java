package org.webp2p.ui;

/** A node could not be read or steered; the message says why in words for the operator. */
public final class NodeSourceException extends Exception {
    private static final long serialVersionUID = 1L;

    public NodeSourceException(String message) {
        super(message);
    }

    public NodeSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
