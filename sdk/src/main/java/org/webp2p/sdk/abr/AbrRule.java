package org.webp2p.sdk.abr;

import java.util.List;

/**
 * Which rendition to fetch next, from the measured throughput and the buffer: a throughput rule
 * guarded by the buffer, as BOLA-style hybrids do (dash.js's DYNAMIC, Shaka's and hls.js's defaults
 * work alike). Down at once when the link no longer carries the current rendition, or the buffer falls
 * under the low mark: waiting would spend the buffer and stall. Up one rendition at a time, only when
 * the throughput carries the next one with a safety margin and the buffer is above the high mark, and
 * not sooner than a hold time after the last switch: an up-switch that turns out wrong must not stall,
 * and flapping between renditions costs swarm changes. Pure: no clock, no I/O.
 *
 * @param safety       how many times the next rendition's peak bitrate the throughput must be to go up
 * @param lowBufferMs  under this much buffered media, step down a rendition whatever the throughput
 * @param highBufferMs at least this much buffered media before stepping up
 * @param holdMs       the least time between a switch and the next up-switch
 */
public record AbrRule(double safety, long lowBufferMs, long highBufferMs, long holdMs) {
    public AbrRule {
        if (safety < 1 || lowBufferMs < 0 || highBufferMs < lowBufferMs || holdMs < 0) {
            throw new IllegalArgumentException("safety must be at least 1 and 0 <= lowBufferMs <= highBufferMs");
        }
    }

    /**
     * The rule for segments of {@code targetDurationMs}: down under one segment of buffer, up from two,
     * with a 1.5 margin (hls.js's abrBandWidthUpFactor is 0.7, dash.js's throughput rule 0.9 on top of a
     * 2-sample window) and at least two segments between switches.
     */
    public static AbrRule forSegments(long targetDurationMs) {
        long segment = Math.max(1_000, targetDurationMs);
        return new AbrRule(1.5, segment, 2 * segment, 2 * segment);
    }

    /**
     * The rendition to start with before anything is measured: the lowest, so the first segment comes
     * soonest and startup does not wait on a guess.
     */
    public int start(List<Long> bandwidths) {
        requireRenditions(bandwidths);
        return 0;
    }

    /**
     * The rendition to fetch next.
     *
     * @param bandwidths      each rendition's peak bitrate in bit/s, lowest first
     * @param current         the index of the rendition fetched now
     * @param throughputBps   the measured throughput (HTTP and P2P together), or 0 before any measurement
     * @param bufferMs        media buffered ahead of the playhead
     * @param msSinceSwitch   time since the last switch (or since playback began)
     */
    public int next(List<Long> bandwidths, int current, double throughputBps, long bufferMs, long msSinceSwitch) {
        requireRenditions(bandwidths);
        if (current < 0 || current >= bandwidths.size()) {
            throw new IllegalArgumentException("no rendition " + current + " of " + bandwidths.size());
        }
        if (throughputBps <= 0) {
            return current;
        }
        if (throughputBps < bandwidths.get(current) || bufferMs < lowBufferMs) {
            int fits = current;
            while (fits > 0 && bandwidths.get(fits) > throughputBps) {
                fits--;
            }
            // A low buffer steps down even when the throughput seems to fit: it was not enough.
            return bufferMs < lowBufferMs ? Math.min(fits, Math.max(0, current - 1)) : fits;
        }
        boolean higher = current + 1 < bandwidths.size();
        if (higher && bufferMs >= highBufferMs && msSinceSwitch >= holdMs
                && throughputBps >= bandwidths.get(current + 1) * safety) {
            return current + 1;
        }
        return current;
    }

    private static void requireRenditions(List<Long> bandwidths) {
        if (bandwidths.isEmpty()) {
            throw new IllegalArgumentException("no renditions to choose from");
        }
    }
}
