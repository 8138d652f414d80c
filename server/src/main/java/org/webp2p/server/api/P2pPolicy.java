package org.webp2p.server.api;

import org.webp2p.server.config.Config;

/** The operator's P2P settings the scheduler starts from. */
public record P2pPolicy(boolean enabled, int minSwarm, int maxPeers, int prefetchSegments, int uploadLimitKbps) {
    public static P2pPolicy from(Config c) {
        return new P2pPolicy(c.bool("api.p2p"), (int) c.integer("api.p2p-min-swarm"), (int) c.integer("api.max-peers"),
                (int) c.integer("api.prefetch-segments"), (int) c.integer("api.upload-limit-kbps"));
    }
}
