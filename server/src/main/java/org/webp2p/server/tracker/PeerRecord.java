package org.webp2p.server.tracker;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import org.webp2p.nat.NatType;
import org.webp2p.protocol.tracker.SegmentRange;

/**
 * A peer as the tracker knows it: the last announce plus where the announce came from.
 *
 * @param source the address the announce arrived from, used for locality and per-address limits
 */
public record PeerRecord(String peerId, String swarm, InetAddress source, NatType natType, List<String> addresses,
                         long position, SegmentRange have, int uploadKbps, Instant joined, Instant lastSeen) {
    public PeerRecord {
        addresses = List.copyOf(addresses);
    }
}
