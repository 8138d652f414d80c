package org.webp2p.sdk.fetch;

/**
 * How long before a segment is needed the scheduler stops waiting for peers and fetches it over
 * HTTP. A fixed window is wrong both ways: too long on a fast link, where it hands to HTTP
 * segments peers had time to deliver, and too short on a slow one. So it is learned from this
 * viewer's own HTTP fetch times, the way TCP learns its retransmission timeout (RFC 6298 §2): the
 * smoothed fetch time plus four times its mean deviation, plus a margin for the playback step and
 * the request's own scheduling. It never goes below {@link #FLOOR_MS}, and until the first fetch
 * is measured, and never above, it is the configured window. Pure.
 */
public final class UrgentWindow {
    /** Below this no measurement is trusted: a lucky fetch must not leave no room for a slow one. */
    static final long FLOOR_MS = 1_000;
    /** Playback step, event-loop delay and connection setup that a fetch time sample may not show. */
    static final long MARGIN_MS = 500;
    // RFC 6298 §2.3: gains of the smoothed value and of its deviation.
    private static final double ALPHA = 1 / 8.0;
    private static final double BETA = 1 / 4.0;

    private final long ceilingMs;
    private double smoothedMs = -1;
    private double deviationMs;

    /** @param ceilingMs the window before any measurement, and at most ever */
    public UrgentWindow(long ceilingMs) {
        this.ceilingMs = ceilingMs;
    }

    /** A whole segment came over HTTP in {@code elapsedMs}, from request to last byte. */
    public void fetched(long elapsedMs) {
        if (smoothedMs < 0) {
            smoothedMs = elapsedMs;
            deviationMs = elapsedMs / 2.0;
        } else {
            deviationMs += BETA * (Math.abs(smoothedMs - elapsedMs) - deviationMs);
            smoothedMs += ALPHA * (elapsedMs - smoothedMs);
        }
    }

    /** The window now, in ms of playback. */
    public long ms() {
        if (smoothedMs < 0) {
            return ceilingMs;
        }
        long learned = Math.round(smoothedMs + 4 * deviationMs) + MARGIN_MS;
        return Math.min(ceilingMs, Math.max(Math.min(FLOOR_MS, ceilingMs), learned));
    }
}
