package org.webp2p.server.origin;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.webp2p.server.config.LatencyProfile;

/**
 * The latency profile each stream is served with ({@code origin.profile}, or the stream's own
 * {@code origin.stream.<name>.profile}, which its renditions share) and what follows from it.
 */
final class StreamProfiles {
    /** Segments the node cuts itself (RTMP ingest) under the low-latency profile. */
    static final Duration LOW_LATENCY_SEGMENT = Duration.ofSeconds(1);
    /** The low-latency live window, in segments: 6 s of 1 s segments. */
    static final int LOW_LATENCY_WINDOW = 6;
    // RFC 8216bis §4.4.3.8: HOLD-BACK is at least three target durations.
    private static final int HOLD_BACK_TARGETS = 3;

    private final LatencyProfile byDefault;
    private final Map<String, LatencyProfile> byStream;
    private final int window;

    /** @param window the configured live window ({@code origin.live-window}), which low latency shortens */
    StreamProfiles(LatencyProfile byDefault, Map<String, LatencyProfile> byStream, int window) {
        this.byDefault = byDefault;
        this.byStream = Map.copyOf(byStream);
        this.window = window;
    }

    /** Every stream with the default profile and {@code window}. */
    static StreamProfiles uniform(int window) {
        return new StreamProfiles(LatencyProfile.DEFAULT, Map.of(), window);
    }

    /** The profile of a stream or rendition ({@code NAME/RENDITION} takes NAME's). */
    LatencyProfile of(String liveName) {
        return byStream.getOrDefault(RenditionNames.streamOf(liveName), byDefault);
    }

    /** Segments listed in the stream's live playlist. */
    int window(String liveName) {
        return of(liveName) == LatencyProfile.LOW_LATENCY ? Math.min(window, LOW_LATENCY_WINDOW) : window;
    }

    /** How long the segments the node cuts for the stream should be; empty leaves it to the ingest's setting. */
    Optional<Duration> segmentTarget(String liveName) {
        return of(liveName) == LatencyProfile.LOW_LATENCY ? Optional.of(LOW_LATENCY_SEGMENT) : Optional.empty();
    }

    /** How far behind the live edge players should start a playlist with this target duration. */
    Optional<Duration> holdBack(String liveName, long targetDurationSeconds) {
        return of(liveName) == LatencyProfile.LOW_LATENCY
                ? Optional.of(Duration.ofSeconds(HOLD_BACK_TARGETS * targetDurationSeconds)) : Optional.empty();
    }
}
