package org.webp2p.server.pingback;

import java.time.Instant;
import org.webp2p.protocol.pingback.Beacon;

/** One minute of one swarm's beacons, summed: the stored history. */
public record MinuteStat(String swarm, Instant minute, long beacons, long httpBytes, long p2pBytes,
                         long uploadedBytes, long playedMs, long stalls, long stallMs, long startups,
                         long startupMsSum, long natAttempts, long natSuccesses) {

    MinuteStat plus(Beacon b) {
        long attempts = b.connections().stream().mapToLong(Beacon.Connections::attempts).sum();
        long successes = b.connections().stream().mapToLong(Beacon.Connections::successes).sum();
        return new MinuteStat(swarm, minute, beacons + 1, httpBytes + b.httpBytes(), p2pBytes + b.p2pBytes(),
                uploadedBytes + b.uploadedBytes(), playedMs + b.playedMs(), stalls + b.stalls(), stallMs + b.stallMs(),
                startups + (b.startupMs() == null ? 0 : 1), startupMsSum + (b.startupMs() == null ? 0 : b.startupMs()),
                natAttempts + attempts, natSuccesses + successes);
    }

    static MinuteStat empty(String swarm, Instant minute) {
        return new MinuteStat(swarm, minute, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    public double offloadRatio() {
        long total = httpBytes + p2pBytes;
        return total == 0 ? 0 : (double) p2pBytes / total;
    }
}
