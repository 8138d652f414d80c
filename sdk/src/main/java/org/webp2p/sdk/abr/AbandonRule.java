package org.webp2p.sdk.abr;

import java.util.List;

/**
 * Whether to give up a segment download under way, and at which rendition to fetch that segment
 * again: hls.js's abandon rule ({@code AbrController._abandonRulesCheck}), which dash.js's
 * {@code AbandonRequestsRule} and Shaka's {@code abandonLoadTimeout} resemble. A segment asked for on a
 * link that has just dropped arrives after the buffer has run out, and the rule between segments
 * ({@link AbrRule}) hears of the drop only when it arrives, too late; so the download is watched while
 * it runs: its own rate so far gives the time the rest will take, and when that is past the time left
 * until the segment plays while a lower rendition's copy, at that same rate, would come sooner, the
 * download is abandoned and the segment fetched again at the highest rendition that arrives in time
 * (the lowest if none does). Pure: the caller brings the clock's readings.
 *
 * @param minWatchMs how long a download runs before its rate is believed: a connection's first bytes
 *                   (its handshake, TCP's slow start) say little of the link's rate
 */
public record AbandonRule(long minWatchMs) {
    public AbandonRule {
        if (minWatchMs < 0) {
            throw new IllegalArgumentException("minWatchMs must not be negative");
        }
    }

    /** A rule that believes a download's rate after half a second, a few round trips on the slowest link. */
    public static AbandonRule defaults() {
        return new AbandonRule(500);
    }

    /**
     * One segment download, as far as it has gone.
     *
     * @param rendition      the index of the rendition it fetches, in the bandwidths passed to {@link #lower}
     * @param durationMs     the segment's duration
     * @param bodyBytes      bytes of it received so far
     * @param expectedBytes  its length, or -1 while unknown (it is then taken as its rendition's bitrate
     *                       over its duration)
     * @param elapsedMs      time since it was asked for
     * @param msUntilNeeded  playback time until the segment plays: the buffer before it
     */
    public record Progress(int rendition, long durationMs, long bodyBytes, long expectedBytes, long elapsedMs,
                           long msUntilNeeded) {
        /** The rate the download has had, from asking to now, in bit/s; 0 before anything arrived. */
        public double bitsPerSecond() {
            return bodyBytes * 8_000.0 / Math.max(1, elapsedMs);
        }
    }

    /**
     * The rendition to fetch the segment at instead, lower than the download's; or the download's own,
     * to let it go on.
     *
     * @param bandwidths each rendition's peak bitrate in bit/s, lowest first
     */
    public int lower(List<Long> bandwidths, Progress p) {
        if (p.rendition() <= 0 || p.rendition() >= bandwidths.size() || p.elapsedMs() < minWatchMs) {
            return p.rendition();
        }
        double rate = p.bitsPerSecond();
        long expected = p.expectedBytes() >= 0 ? p.expectedBytes() : bytesOf(bandwidths.get(p.rendition()), p.durationMs());
        double restMs = rate == 0 ? Double.POSITIVE_INFINITY : (expected - p.bodyBytes()) * 8_000.0 / rate;
        if (restMs <= p.msUntilNeeded()) {
            return p.rendition();
        }
        int to = p.rendition() - 1;
        while (to > 0 && refetchMs(bandwidths.get(to), p.durationMs(), rate) > p.msUntilNeeded()) {
            to--;
        }
        // A copy that would come no sooner than the rest of this one is not worth the bytes already had.
        return refetchMs(bandwidths.get(to), p.durationMs(), rate) < restMs ? to : p.rendition();
    }

    /** How long a segment of {@code durationMs} at {@code bandwidth} takes at {@code rate}; infinite at no rate. */
    private static double refetchMs(long bandwidth, long durationMs, double rate) {
        return rate == 0 ? Double.POSITIVE_INFINITY : bytesOf(bandwidth, durationMs) * 8_000.0 / rate;
    }

    private static long bytesOf(long bandwidth, long durationMs) {
        return bandwidth * durationMs / 8_000;
    }
}
