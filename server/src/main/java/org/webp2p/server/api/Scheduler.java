package org.webp2p.server.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.webp2p.protocol.ClientKind;
import org.webp2p.protocol.api.NodeLoad;
import org.webp2p.server.pingback.LiveAggregator.SessionHealth;

/**
 * Decides, from live load and live statistics, where a client goes and how much P2P it does. Pure:
 * the API gathers the inputs each time a client asks, so decisions follow the swarm in real time.
 */
public final class Scheduler {
    /** The least prefetch worth doing: below it a client simply plays from HTTP. */
    static final int MIN_PREFETCH = 2;

    private final P2pPolicy policy;

    public Scheduler(P2pPolicy policy) {
        this.policy = policy;
    }

    /**
     * @param swarmPeers other live peers in the client's swarm
     * @param health     the client's recent beacons, if it has sent any
     * @param client     browsers meet their peers through the tracker's WebSocket and WebRTC, so they
     *                   need no rendezvous node; and they join at once, because their engine
     *                   fetches over HTTP whatever no peer holds and a swarm forms only of peers
     *                   that joined it
     */
    public Decision decide(List<NodeLoad> rendezvous, List<NodeLoad> trackers, int swarmPeers,
                           Optional<SessionHealth> health, ClientKind client) {
        List<String> reasons = new ArrayList<>();
        boolean browser = client == ClientKind.BROWSER;
        NodeLoad node = browser ? null : roomiest(rendezvous, "rendezvous node", reasons);
        NodeLoad tracker = roomiest(trackers, "tracker", reasons);
        boolean p2p = policy.enabled();
        if (!p2p) {
            reasons.add("P2P is switched off (api.p2p=false)");
        } else if (tracker == null || (node == null && !browser)) {
            p2p = false;
            reasons.add("P2P off: " + (tracker == null ? "no tracker" : "no rendezvous node") + " has room");
        } else if (browser) {
            reasons.add("P2P on: a browser joins the swarm at once and loads over HTTP what no peer holds yet");
        } else if (swarmPeers < policy.minSwarm()) {
            p2p = false;
            reasons.add("P2P off until the swarm grows: " + swarmPeers + " other peer(s), need "
                    + policy.minSwarm() + "; announce anyway so others can find this one");
        } else {
            reasons.add("P2P on: " + swarmPeers + " other peer(s) in the swarm");
        }
        int prefetch = policy.prefetchSegments();
        if (health.isPresent() && health.get().stallsInWindow() > 0) {
            // A stalling client has no slack for slow peers: fetch fewer segments ahead from them so
            // more of its bandwidth goes to the segments it needs now.
            prefetch = Math.max(MIN_PREFETCH, prefetch / 2);
            reasons.add("prefetch lowered to " + prefetch + ": " + health.get().stallsInWindow()
                    + " stall(s) (" + health.get().stallMsInWindow() + " ms) in the last window");
        }
        return new Decision(node, tracker, p2p, policy.maxPeers(), prefetch, policy.uploadLimitKbps(), reasons);
    }

    private static NodeLoad roomiest(List<NodeLoad> candidates, String what, List<String> reasons) {
        Optional<NodeLoad> best = candidates.stream().filter(n -> n.room() > 0)
                .max(Comparator.comparingLong(NodeLoad::room));
        best.ifPresent(n -> reasons.add(what + " " + n.address() + " has the most room (" + n.room() + " of "
                + n.capacity() + " free among " + candidates.size() + ")"));
        return best.orElse(null);
    }
}
