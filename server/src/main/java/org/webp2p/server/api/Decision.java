package org.webp2p.server.api;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.webp2p.protocol.api.NodeLoad;

/**
 * What the scheduler chose for one client, with every reason, so the operator can see why a viewer
 * got P2P or not.
 *
 * @param rendezvous null when no rendezvous node has room (P2P is then off)
 * @param tracker    null when no tracker has room (P2P is then off)
 */
public record Decision(@Nullable NodeLoad rendezvous, @Nullable NodeLoad tracker, boolean p2pEnabled, int maxPeers,
                       int prefetchSegments, int uploadLimitKbps, List<String> reasons) {
    public Decision {
        reasons = List.copyOf(reasons);
    }

    /**
     * True if {@code other} tells the client the same thing: same nodes and settings, whatever the
     * reasons say about load figures that move all the time.
     */
    public boolean sameOutcome(Decision other) {
        return other != null && address(rendezvous).equals(address(other.rendezvous))
                && address(tracker).equals(address(other.tracker)) && p2pEnabled == other.p2pEnabled
                && maxPeers == other.maxPeers && prefetchSegments == other.prefetchSegments
                && uploadLimitKbps == other.uploadLimitKbps;
    }

    private static String address(NodeLoad node) {
        return node == null ? "" : node.address();
    }
}
