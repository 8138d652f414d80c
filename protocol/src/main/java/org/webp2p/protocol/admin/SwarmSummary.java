package org.webp2p.protocol.admin;

import java.util.Objects;

/** A tracker swarm in the live view, with its live peer count. */
public record SwarmSummary(String swarm, int peers) {
    public SwarmSummary {
        Objects.requireNonNull(swarm, "swarm");
        if (peers < 0) {
            throw new IllegalArgumentException("peers must not be negative");
        }
    }
}
