package org.webp2p.server.tracker.ws;

/** A message that is not a JSON object: the client does not speak this protocol, so it is closed on. */
public final class MalformedMessageException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedMessageException(String message) {
        super(message);
    }
}
