package org.webp2p.protocol.admin;

import java.time.Instant;
import java.util.Objects;

/**
 * One step of a stored history: the beacons of every minute (or hour) from {@code start} on, summed.
 *
 * @param peers        viewers reporting at a time, on average over the step: beacons over the beacons one
 *                     viewer sends in a step
 * @param startupP95Ms -1 when no startup of the step was counted in a histogram
 */
public record HistoryPoint(Instant start, long beacons, double peers, long httpBytes, long p2pBytes,
                           long uploadedBytes, long playedMs, long stalls, long stallMs, long startups,
                           long startupP95Ms, long natAttempts, long natSuccesses) {
    public HistoryPoint {
        Objects.requireNonNull(start, "start");
    }

    /** What peers delivered, which the origin did not have to send. */
    public long bytesSaved() {
        return p2pBytes;
    }

    public double offloadRatio() {
        long total = httpBytes + p2pBytes;
        return total == 0 ? 0 : (double) p2pBytes / total;
    }

    /** Time stalled over time played, as the live figures count it. */
    public double stallRatio() {
        return playedMs == 0 ? 0 : (double) stallMs / playedMs;
    }

    public double natSuccessRatio() {
        return natAttempts == 0 ? 0 : (double) natSuccesses / natAttempts;
    }
}
