package org.webp2p.server.tracker;

import java.util.Locale;

/** An announce the registry refused, and why; nothing was recorded. */
public final class AnnounceRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why; each is counted apart ({@link #metric}). */
    public enum Reason {
        /** The swarm has {@code tracker.max-swarm-peers} peers. */
        SWARM_FULL,
        /** The sender's address has {@code tracker.max-peers-per-address} peers in the swarm. */
        ADDRESS,
        /** A new swarm, and the tracker holds {@code tracker.max-swarms}. */
        SWARMS,
        /** The peer ID belongs to another session, or the session announces as another peer already. */
        NOT_OWNER;

        /** Its counter among the tracker's metrics: {@code refused.swarm-full} and so on. */
        public String metric() {
            return "refused." + name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final Reason reason;

    public AnnounceRefusedException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
