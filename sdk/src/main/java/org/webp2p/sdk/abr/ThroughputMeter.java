package org.webp2p.sdk.abr;

/**
 * The throughput segments arrive at, from each segment's size and the time from asking for it to
 * having it, whichever way it came. Two moving averages, a fast one that sees a link drop within a
 * segment or two and a slow one that does not believe one quick segment; the estimate is the lower,
 * so the rule goes down fast and up slowly (Shaka Player's EWMA estimator works this way), and lower
 * still where the downloads under way show less ({@link #estimateBps(double)}). Pure.
 */
public final class ThroughputMeter {
    private static final double FAST = 0.5;
    private static final double SLOW = 0.15;

    private double fast;
    private double slow;
    private int samples;

    /** One segment of {@code bytes} that took {@code elapsedMs} from request to arrival. */
    public void sample(long bytes, long elapsedMs) {
        if (bytes <= 0) {
            return;
        }
        double bps = bytes * 8_000.0 / Math.max(1, elapsedMs);
        fast = samples == 0 ? bps : fast + FAST * (bps - fast);
        slow = samples == 0 ? bps : slow + SLOW * (bps - slow);
        samples++;
    }

    /**
     * Forgets what was measured: after a down-switch the link has shown it no longer does what the
     * samples said (a link cut mid-segment leaves no sample at all), so only new samples may send the
     * player back up.
     */
    public void forget() {
        samples = 0;
        fast = 0;
        slow = 0;
    }

    /** The estimate in bit/s, or 0 before the first segment. */
    public double estimateBps() {
        return samples == 0 ? 0 : Math.min(fast, slow);
    }

    /**
     * The estimate, or the rate the downloads under way deliver now where that is lower (or nothing is
     * estimated yet): a link that drops shows in the download under way a segment before that download
     * ends and is sampled, which may be a segment too late.
     *
     * @param flowingBps what the downloads under way deliver now ({@link DownloadWatch#flowingBps}), 0 if unknown
     */
    public double estimateBps(double flowingBps) {
        double estimate = estimateBps();
        return flowingBps > 0 && (estimate == 0 || flowingBps < estimate) ? flowingBps : estimate;
    }
}
