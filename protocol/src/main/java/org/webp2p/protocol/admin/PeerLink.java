package org.webp2p.protocol.admin;

import java.util.Objects;

/**
 * Bytes two peers of a swarm exchanged, both directions together, over the live window. The pair
 * is unordered, so it is kept with the smaller id first and one link has one value.
 */
public record PeerLink(String peerA, String peerB, long bytes) {
    public PeerLink {
        Objects.requireNonNull(peerA, "peerA");
        Objects.requireNonNull(peerB, "peerB");
        if (peerA.compareTo(peerB) >= 0) {
            throw new IllegalArgumentException("a link joins two different peers, smaller id first: "
                    + peerA + ", " + peerB);
        }
        if (bytes < 0) {
            throw new IllegalArgumentException("link bytes must not be negative");
        }
    }

    /** The link between two peers, whichever order they come in. */
    public static PeerLink between(String one, String other, long bytes) {
        return one.compareTo(other) < 0 ? new PeerLink(one, other, bytes) : new PeerLink(other, one, bytes);
    }
}
