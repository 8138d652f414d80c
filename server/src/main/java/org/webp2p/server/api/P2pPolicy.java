package org.webp2p.server.api;

import org.webp2p.server.config.ApiSettings;
import org.webp2p.server.config.Config;

/** The operator's P2P settings the scheduler starts from. */
public record P2pPolicy(boolean enabled, int minSwarm, int maxPeers, int prefetchSegments, int uploadLimitKbps) {
    public static P2pPolicy from(Config c) {
        return new P2pPolicy(c.get(ApiSettings.P2P), c.get(ApiSettings.P2P_MIN_SWARM), c.get(ApiSettings.MAX_PEERS),
                c.get(ApiSettings.PREFETCH_SEGMENTS), c.get(ApiSettings.UPLOAD_LIMIT_KBPS));
    }
}
