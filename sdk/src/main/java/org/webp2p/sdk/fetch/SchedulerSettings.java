package org.webp2p.sdk.fetch;

/**
 * Tunables of segment scheduling.
 *
 * @param urgentMs          a segment needed within this much playback time comes from HTTP at once
 * @param prefetchSegments  how far ahead of the playhead segments are fetched at all
 * @param httpInFlight      concurrent HTTP segment fetches
 * @param perPeerInFlight   concurrent fetches from one peer
 * @param defaultDurationMs assumed length of a segment the playlist has not described yet
 */
public record SchedulerSettings(long urgentMs, int prefetchSegments, int httpInFlight, int perPeerInFlight,
                                long defaultDurationMs) {
    public SchedulerSettings {
        if (urgentMs < 0 || prefetchSegments < 1 || httpInFlight < 1 || perPeerInFlight < 1 || defaultDurationMs < 1) {
            throw new IllegalArgumentException("scheduler settings must be positive");
        }
    }

    /** Two segments' worth of urgency and six ahead: fits 2 s HLS segments and a 6-segment window. */
    public static SchedulerSettings defaults() {
        return new SchedulerSettings(4_000, 6, 2, 2, 2_000);
    }

    /** These settings with another prefetch window, as a plan sets it. */
    public SchedulerSettings withPrefetch(int segments) {
        return new SchedulerSettings(urgentMs, segments, httpInFlight, perPeerInFlight, defaultDurationMs);
    }
}
