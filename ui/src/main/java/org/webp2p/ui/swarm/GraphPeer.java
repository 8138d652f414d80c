package org.webp2p.ui.swarm;

import java.util.Objects;
import org.webp2p.nat.NatType;

/** A peer as the swarm graph needs it: who it is, its colour's NAT type and its size's upload. */
public record GraphPeer(String peerId, NatType natType, int uploadKbps) {
    public GraphPeer {
        Objects.requireNonNull(peerId, "peerId");
        natType = natType == null ? NatType.UNKNOWN : natType;
        uploadKbps = Math.max(0, uploadKbps);
    }
}
