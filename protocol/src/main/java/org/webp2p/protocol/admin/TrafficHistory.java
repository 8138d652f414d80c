package org.webp2p.protocol.admin;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A swarm's (or every swarm's) stored figures from {@code from} to {@code to}, in steps of
 * {@code stepSeconds}: steps without beacons are left out, so a chart shows the gap.
 */
public record TrafficHistory(String swarm, Instant from, Instant to, long stepSeconds, List<HistoryPoint> points,
                             List<NatPairPoint> natPairs) {
    public TrafficHistory {
        Objects.requireNonNull(swarm, "swarm");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        points = List.copyOf(points);
        natPairs = List.copyOf(natPairs);
    }
}
