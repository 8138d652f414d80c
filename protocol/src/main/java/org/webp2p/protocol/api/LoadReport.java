package org.webp2p.protocol.api;

import java.util.List;

/**
 * {@code GET /v1/load}: this node's own rendezvous and tracker load, which the other nodes of a
 * cluster poll to schedule their clients over every node.
 */
public record LoadReport(List<NodeLoad> rendezvous, List<NodeLoad> trackers) {
    public LoadReport {
        rendezvous = rendezvous == null ? List.of() : List.copyOf(rendezvous);
        trackers = trackers == null ? List.of() : List.copyOf(trackers);
    }
}
