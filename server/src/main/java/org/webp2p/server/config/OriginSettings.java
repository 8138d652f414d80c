package org.webp2p.server.config;

import java.time.Duration;
import java.util.List;

/** Settings of the origin service: who may publish, and how live and on-demand streams are served. */
public final class OriginSettings {
    public static final ConfigKey<String> PUBLISH_KEY = ConfigKey.string("origin.publish-key", "",
            "Key encoders publish with (?key= or X-Publish-Key); empty makes one at first start and keeps it.");
    /** {@code origin.stream.<stream>.key}. */
    public static final PatternKey<String> STREAM_KEY = PatternKey.string("origin.stream.*.key",
            "Publish key of one stream, replacing origin.publish-key for it.");
    public static final ConfigKey<Long> MAX_UPLOAD = ConfigKey.size("origin.max-upload", "32MB",
            "Largest segment or playlist an encoder may upload (larger ones get 413).");
    /**
     * Browser players start window-1 segments behind the edge and take from peers only segments more
     * than 15 s ahead, so fewer than about 10 two-second segments leave them nothing to share.
     */
    public static final ConfigKey<Integer> LIVE_WINDOW = ConfigKey.integer("origin.live-window", 10, 2, 1000,
            "Segments listed in a live playlist (browser peers need about 10 of 2 s); as many again stay fetchable.");
    public static final ConfigKey<LatencyProfile> PROFILE = ConfigKey.latencyProfile("origin.profile", LatencyProfile.DEFAULT,
            "default, or low-latency: 1 s segments from RTMP, a live window of at most 6 segments, players told to start near"
            + " the live edge.");
    /** {@code origin.stream.<stream>.profile}. */
    public static final PatternKey<LatencyProfile> STREAM_PROFILE = PatternKey.latencyProfile("origin.stream.*.profile",
            "Latency profile of one stream (and its renditions), replacing origin.profile for it.");
    public static final ConfigKey<Duration> ENDED_AFTER = ConfigKey.duration("origin.ended-after", "10s",
            "Silence after which a live stream is marked ended (#EXT-X-ENDLIST).");
    public static final ConfigKey<String> VOD_ROOTS = ConfigKey.string("origin.vod-roots", "",
            "Comma-separated directories served as they are under /vod/<directory name>/.");
    public static final ConfigKey<String> CORS_ORIGINS = ConfigKey.string("origin.cors-origins", "*",
            "Web origins (comma-separated) whose pages may use the origin, API and pingback (the player); * allows any.");

    static final List<ConfigKey<?>> KEYS = List.of(PUBLISH_KEY, MAX_UPLOAD, LIVE_WINDOW, PROFILE, ENDED_AFTER, VOD_ROOTS,
            CORS_ORIGINS);
    static final List<PatternKey<?>> PATTERNS = List.of(STREAM_KEY, STREAM_PROFILE);

    private OriginSettings() {
    }
}
