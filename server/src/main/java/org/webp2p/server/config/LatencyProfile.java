package org.webp2p.server.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How close to live the origin serves a stream ({@code origin.profile}, or per stream
 * {@code origin.stream.<name>.profile}).
 */
public enum LatencyProfile {
    /** Segments as the encoder (or {@code rtmp.segment-duration}) makes them, the whole live window. */
    DEFAULT("default"),
    /**
     * 1 s segments where the node cuts them (RTMP ingest), a shorter live window, and playlists that
     * tell players to start near the live edge (EXT-X-START, HOLD-BACK).
     */
    LOW_LATENCY("low-latency");

    private final String id;

    LatencyProfile(String id) {
        this.id = id;
    }

    /** The name the configuration uses. */
    public String id() {
        return id;
    }

    static LatencyProfile parse(String raw) {
        for (LatencyProfile p : values()) {
            if (p.id.equals(raw.toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("must be one of " + Arrays.stream(values()).map(LatencyProfile::id)
                .collect(Collectors.joining(", ")));
    }
}
