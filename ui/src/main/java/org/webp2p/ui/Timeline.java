package org.webp2p.ui;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.webp2p.protocol.admin.MinuteStat;
import org.webp2p.protocol.admin.SwarmFigures;

/**
 * The rolling series behind the console's charts. Byte rates come from pingback's running totals
 * sampled twice; a total that went down means pingback restarted, and that interval counts as zero.
 * Used by the polling thread only.
 */
final class Timeline {
    private final int capacity;
    private final Deque<TimelineSample> samples = new ArrayDeque<>();
    private Instant lastAt;
    private long lastHttp = -1;
    private long lastP2p = -1;

    Timeline(int capacity) {
        this.capacity = capacity;
    }

    /** Adds a sample and returns the series, oldest first. */
    List<TimelineSample> add(Instant at, long httpTotal, long p2pTotal, int peers, long liveStreams,
                             SwarmFigures global, List<MinuteStat> lastHour) {
        double seconds = lastAt == null ? 0 : Duration.between(lastAt, at).toNanos() / 1e9;
        double http = rate(lastHttp, httpTotal, seconds);
        double p2p = rate(lastP2p, p2pTotal, seconds);
        lastAt = at;
        lastHttp = httpTotal;
        lastP2p = p2pTotal;
        samples.addLast(new TimelineSample(at, http, p2p, peers, liveStreams, global.offloadRatio(),
                global.natSuccessRatio(), global.startupP95Ms(), global.stallRatio(), NodeSnapshot.offload(lastHour),
                NodeSnapshot.egressSaved(lastHour), global.latencyP95Ms()));
        while (samples.size() > capacity) {
            samples.removeFirst();
        }
        return List.copyOf(samples);
    }

    private static double rate(long before, long now, double seconds) {
        if (before < 0 || now < before || seconds <= 0) {
            return 0;
        }
        return (now - before) / seconds;
    }
}
