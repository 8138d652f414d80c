package org.webp2p.ui.swarm;

import java.util.Objects;

/**
 * Media exchanged between two peers, as their pingback beacons report it; the graph draws it as
 * an edge whose pull and width grow with the bytes.
 */
public record GraphLink(String from, String to, long bytes) {
    public GraphLink {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.equals(to) || bytes < 0) {
            throw new IllegalArgumentException("a link joins two different peers with bytes >= 0");
        }
    }
}
