package org.webp2p.sdk.control;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** What the API handed this client: where everything is and how much P2P to do (docs/protocol.md). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SessionPlan(String sessionId, String stream, String swarm, List<String> playlistUrls, String trackerUrl,
                         List<String> rendezvous, List<String> stun, String pingbackUrl, long pingbackIntervalMs,
                         P2p p2p) {

    /** The scheduler's P2P settings and its reasons. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record P2p(boolean enabled, int maxPeers, int prefetchSegments, int uploadLimitKbps, List<String> reasons) {
    }
}
