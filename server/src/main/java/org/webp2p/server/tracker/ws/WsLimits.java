package org.webp2p.server.tracker.ws;

import java.time.Duration;

/**
 * The bounds that keep one client, one address or one swarm from taking the WebSocket tracker over.
 *
 * @param interval the announce interval clients are told; a peer silent for two of them is dropped
 */
public record WsLimits(Duration interval, int maxOffers, int peersPerSwarm, int swarms, int socketsPerAddress) {
    public WsLimits {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("tracker.ws-interval must be positive");
        }
        if (maxOffers < 1 || peersPerSwarm < 1 || swarms < 1 || socketsPerAddress < 1) {
            throw new IllegalArgumentException("WebSocket tracker limits must be positive");
        }
    }
}
