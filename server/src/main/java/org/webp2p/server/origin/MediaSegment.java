package org.webp2p.server.origin;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One media segment line of an HLS media playlist (RFC 8216 §4.3.2): its URI, its EXTINF duration,
 * whether an EXT-X-DISCONTINUITY precedes it, which EXT-X-MAP (init segment) applies to it and the
 * wall-clock time of its first sample (EXT-X-PROGRAM-DATE-TIME), which lets players measure how far
 * behind live they are.
 */
record MediaSegment(String uri, Duration duration, boolean discontinuity, Optional<String> map,
                    Optional<Instant> programDateTime) {

    /** A segment whose wall-clock time is not known. */
    MediaSegment(String uri, Duration duration, boolean discontinuity, Optional<String> map) {
        this(uri, duration, discontinuity, map, Optional.empty());
    }

    public MediaSegment {
        Objects.requireNonNull(programDateTime, "programDateTime");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(map, "map");
        if (uri.isBlank() || uri.startsWith("#") || uri.contains("\n") || uri.contains("\r")) {
            throw new IllegalArgumentException("not a segment URI: " + uri);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("segment duration must be positive: " + duration);
        }
        map.ifPresent(m -> {
            if (m.isBlank() || m.contains("\"") || m.contains("\n")) {
                throw new IllegalArgumentException("not a map URI: " + m);
            }
        });
    }
}
