package org.webp2p.server.tracker.ws;

/**
 * A request the tracker understood as JSON but will not act on: it is answered with a
 * {@code failure reason} and the connection stays open, as bittorrent-tracker does.
 */
public final class WsRefusal extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient WsReply.Failure failure;

    WsRefusal(String action, String infoHash, String reason) {
        super(reason);
        this.failure = new WsReply.Failure(action, infoHash, reason);
    }

    public WsReply.Failure failure() {
        return failure;
    }
}
