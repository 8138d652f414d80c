package org.webp2p.ui.peers;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.webp2p.nat.NatType;
import org.webp2p.protocol.admin.PeerRecord;

/**
 * One live peer as the Peers page shows it.
 *
 * @param publicAddress the first address it announced (the one STUN or rendezvous reported), or
 *                      the address its announce came from when it gave none
 * @param held          how many segments it holds and serves
 * @param lastSeenAgo   time since its last announce, at the snapshot
 */
public record PeerRow(String key, String peerId, String swarm, String publicAddress, NatType natType, long held,
                      String heldRange, long position, int uploadKbps, Duration lastSeenAgo, String source,
                      List<String> addresses, Instant joined) {

    static PeerRow of(PeerRecord p, Instant now) {
        String source = p.source().getHostAddress();
        return new PeerRow(p.swarm() + "/" + p.peerId(), p.peerId(), p.swarm(),
                p.addresses().isEmpty() ? source : p.addresses().get(0), p.natType(),
                p.have() == null ? 0 : p.have().size(),
                p.have() == null ? "none" : p.have().first() + "–" + p.have().last(),
                p.position(), p.uploadKbps(), Duration.between(p.lastSeen(), now), source, p.addresses(), p.joined());
    }
}
