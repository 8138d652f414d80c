package org.webp2p.protocol.admin;

import java.time.Instant;
import java.util.Objects;

/** One minute of one swarm's beacons, summed: the stored history. */
public record MinuteStat(String swarm, Instant minute, long beacons, long httpBytes, long p2pBytes,
                         long uploadedBytes, long playedMs, long stalls, long stallMs, long startups,
                         long startupMsSum, long natAttempts, long natSuccesses) {
    public MinuteStat {
        Objects.requireNonNull(swarm, "swarm");
        Objects.requireNonNull(minute, "minute");
    }

    public double offloadRatio() {
        long total = httpBytes + p2pBytes;
        return total == 0 ? 0 : (double) p2pBytes / total;
    }
}
