package org.webp2p.server.tracker;

/** A join refused because a swarm or an address already has its fill of peers. */
public final class LimitExceededException extends Exception {
    private static final long serialVersionUID = 1L;

    public LimitExceededException(String message) {
        super(message);
    }
}
