package org.webp2p.protocol.admin;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.webp2p.nat.NatType;
import org.webp2p.protocol.tracker.SegmentRange;

/**
 * A peer as the tracker knows it: the last announce plus where the announce came from.
 *
 * @param source the address the announce arrived from, used for locality and per-address limits
 * @param have   segments it holds and serves, or null when it announced none
 */
public record PeerRecord(String peerId, String swarm, @Nullable InetAddress source, NatType natType, List<String> addresses,
                         long position, @Nullable SegmentRange have, int uploadKbps, Instant joined, Instant lastSeen) {
    public PeerRecord {
        Objects.requireNonNull(peerId, "peerId");
        Objects.requireNonNull(swarm, "swarm");
        Objects.requireNonNull(natType, "natType");
        addresses = List.copyOf(addresses);
        Objects.requireNonNull(joined, "joined");
        Objects.requireNonNull(lastSeen, "lastSeen");
    }
}
