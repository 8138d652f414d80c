package org.webp2p.server.origin;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An HLS media playlist (RFC 8216 §4.3.3): the sequence number of its first segment, how many
 * discontinuities came before it, its segments, and whether the stream has ended (EXT-X-ENDLIST).
 *
 * @param holdBack how far from the live edge players should start, when the stream's profile says
 *                 (EXT-X-START and the HOLD-BACK of EXT-X-SERVER-CONTROL); empty leaves it to them
 */
record MediaPlaylist(long targetDuration, long mediaSequence, long discontinuitySequence,
                            List<MediaSegment> segments, boolean ended, Optional<Duration> holdBack) {

    /** A playlist that leaves where to start to the player. */
    MediaPlaylist(long targetDuration, long mediaSequence, long discontinuitySequence, List<MediaSegment> segments,
                  boolean ended) {
        this(targetDuration, mediaSequence, discontinuitySequence, segments, ended, Optional.empty());
    }

    public MediaPlaylist {
        Objects.requireNonNull(segments, "segments");
        Objects.requireNonNull(holdBack, "holdBack");
        segments = List.copyOf(segments);
        if (targetDuration < 1) {
            throw new IllegalArgumentException("target duration must be at least 1 s: " + targetDuration);
        }
        if (mediaSequence < 0 || discontinuitySequence < 0) {
            throw new IllegalArgumentException("sequence numbers must not be negative");
        }
    }

    /** The smallest target duration that RFC 8216 §4.3.3.1 allows for these segments. */
    public static long targetDurationFor(List<MediaSegment> segments) {
        long max = 1;
        for (MediaSegment s : segments) {
            max = Math.max(max, roundedSeconds(s.duration()));
        }
        return max;
    }

    /** This playlist telling players to start {@code holdBack} behind the live edge, or not. */
    MediaPlaylist withHoldBack(Optional<Duration> holdBack) {
        return new MediaPlaylist(targetDuration, mediaSequence, discontinuitySequence, segments, ended, holdBack);
    }

    /** Sum of the segment durations. */
    public Duration duration() {
        return segments.stream().map(MediaSegment::duration).reduce(Duration.ZERO, Duration::plus);
    }

    /** Sequence number of the segment after the last one listed. */
    public long nextSequence() {
        return mediaSequence + segments.size();
    }

    /** "Rounded to the nearest integer", as EXT-X-TARGETDURATION compares EXTINF values. */
    static long roundedSeconds(Duration d) {
        return (d.toMillis() + 500) / 1000;
    }
}
