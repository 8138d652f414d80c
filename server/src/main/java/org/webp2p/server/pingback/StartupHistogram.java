package org.webp2p.server.pingback;

import java.util.ArrayList;
import java.util.List;

/**
 * Startup times counted in fixed buckets, stored beside each minute and hour: sums of counts add up
 * across rows, where percentiles would not, so any range of rows still gives a p95.
 */
public final class StartupHistogram {
    /** Upper edges of the buckets in milliseconds; a last bucket holds everything slower. */
    static final long[] EDGES_MS = {250, 500, 1000, 2000, 4000, 8000};
    static final List<String> COLUMNS = columns();

    private StartupHistogram() {
    }

    private static List<String> columns() {
        List<String> c = new ArrayList<>();
        for (long edge : EDGES_MS) {
            c.add("startup_le_" + edge);
        }
        c.add("startup_over_" + EDGES_MS[EDGES_MS.length - 1]);
        return List.copyOf(c);
    }

    /** The bucket a startup of {@code ms} falls in, an index into {@link #COLUMNS}. */
    static int bucket(long ms) {
        for (int i = 0; i < EDGES_MS.length; i++) {
            if (ms <= EDGES_MS[i]) {
                return i;
            }
        }
        return EDGES_MS.length;
    }

    /**
     * The {@code q} quantile of the counted startups in milliseconds, interpolated linearly inside its
     * bucket as Prometheus' {@code histogram_quantile} does; the slowest bucket has no upper edge, so a
     * quantile in it reads as its lower edge. -1 when nothing was counted.
     */
    public static long quantile(long[] counts, double q) {
        if (counts.length != EDGES_MS.length + 1) {
            throw new IllegalArgumentException("need " + (EDGES_MS.length + 1) + " bucket counts, got " + counts.length);
        }
        long total = 0;
        for (long n : counts) {
            total += n;
        }
        if (total == 0) {
            return -1;
        }
        double rank = q * total;
        long below = 0;
        for (int i = 0; i < EDGES_MS.length; i++) {
            if (counts[i] > 0 && below + counts[i] >= rank) {
                long lower = i == 0 ? 0 : EDGES_MS[i - 1];
                return Math.round(lower + (EDGES_MS[i] - lower) * (rank - below) / counts[i]);
            }
            below += counts[i];
        }
        return EDGES_MS[EDGES_MS.length - 1];
    }
}
