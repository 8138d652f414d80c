package org.webp2p.ui.swarm;

import java.util.Objects;
import org.webp2p.nat.NatType;
import org.webp2p.protocol.ClientKind;

/**
 * A peer as the swarm graph needs it: who it is, its shape's kind of client, its colour's NAT type
 * and its size's upload (browsers report neither of the last two: they are drawn grey and mid-sized).
 */
public record GraphPeer(String peerId, ClientKind kind, NatType natType, int uploadKbps) {
    public GraphPeer {
        Objects.requireNonNull(peerId, "peerId");
        Objects.requireNonNull(kind, "kind");
        natType = natType == null ? NatType.UNKNOWN : natType;
        uploadKbps = Math.max(0, uploadKbps);
    }
}
