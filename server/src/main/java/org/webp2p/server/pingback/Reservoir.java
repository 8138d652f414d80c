package org.webp2p.server.pingback;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A bounded, even sample of the figures a bucket sees (startups, latencies): reservoir sampling keeps
 * the percentiles honest when a bucket sees a flash crowd, in memory that does not grow with it.
 * Not thread-safe.
 */
final class Reservoir {
    /** Samples kept; beyond it each new figure replaces one at random, or none. */
    static final int MAX_SAMPLES = 512;

    private final List<Long> samples = new ArrayList<>();
    private long seen;

    void add(long value) {
        seen++;
        if (samples.size() < MAX_SAMPLES) {
            samples.add(value);
        } else {
            // Deterministic "random": the same beacons give the same figures.
            long slot = Math.floorMod(Arrays.hashCode(new long[] {seen, value}), seen);
            if (slot < MAX_SAMPLES) {
                samples.set((int) slot, value);
            }
        }
    }

    List<Long> samples() {
        return samples;
    }

    /** The {@code p}th percentile of sorted figures, or -1 of none. */
    static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
