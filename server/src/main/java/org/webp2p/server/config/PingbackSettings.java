package org.webp2p.server.config;

import java.time.Duration;
import java.util.List;

/** Settings of the pingback service: how clients report and how long their reports are kept. */
public final class PingbackSettings {
    public static final ConfigKey<Duration> INTERVAL = ConfigKey.duration("pingback.interval", "10s",
            "How often clients send a beacon.");
    public static final ConfigKey<Duration> WINDOW = ConfigKey.duration("pingback.window", "5m",
            "Window of the live figures.");
    public static final ConfigKey<Duration> BUCKET = ConfigKey.duration("pingback.bucket", "10s",
            "Resolution of the live window.");
    public static final ConfigKey<Duration> FLUSH_INTERVAL = ConfigKey.duration("pingback.flush-interval", "1s",
            "How often beacons are written to the store; a crash loses at most this much.");
    public static final ConfigKey<Duration> RETENTION = ConfigKey.duration("pingback.retention", "7d",
            "How long raw beacons are kept.");
    public static final ConfigKey<Duration> ROLLUP_RETENTION = ConfigKey.duration("pingback.rollup-retention", "90d",
            "How long per-minute history is kept.");
    public static final ConfigKey<Duration> HOUR_ROLLUP_RETENTION = ConfigKey.duration("pingback.hour-rollup-retention",
            "400d", "How long per-hour history is kept: the console's 30 d and 90 d ranges, and beyond the minutes.");
    public static final ConfigKey<Integer> MAX_BATCH = ConfigKey.integer("pingback.max-batch", 100, 1, 10_000,
            "Most beacons in one request.");
    public static final ConfigKey<Long> MAX_BODY = ConfigKey.size("pingback.max-body", "64KB",
            "Largest beacon request body (larger ones get 413).");
    public static final ConfigKey<Integer> QUEUE_LIMIT = ConfigKey.integer("pingback.queue-limit", 100_000, 100, 10_000_000,
            "Beacons waiting for the store before new ones are refused with 503.");

    public static final ConfigKey<Long> MAX_RATE = ConfigKey.size("pingback.max-rate", "64MB",
            "Most bytes a second one client may report (downloaded, uploaded, or with one peer); "
                    + "a beacon claiming more over the time since its session was last heard is refused.");

    public static final ConfigKey<Integer> MAX_SWARM_SESSIONS = ConfigKey.integer("pingback.max-swarm-sessions", 100_000, 1,
            100_000_000, "Sessions one swarm's live figures keep; beyond it a new session's bytes count but it is not "
                    + "listed (counted as droppedSessions).");
    public static final ConfigKey<Integer> MAX_SWARM_LINKS = ConfigKey.integer("pingback.max-swarm-links", 10_000, 0,
            100_000_000, "Pairs of peers one swarm's live figures keep; beyond it new pairs are not kept "
                    + "(counted as droppedLinks).");

    static final List<ConfigKey<?>> KEYS = List.of(INTERVAL, WINDOW, BUCKET, FLUSH_INTERVAL, RETENTION, ROLLUP_RETENTION,
            HOUR_ROLLUP_RETENTION, MAX_BATCH, MAX_BODY, QUEUE_LIMIT, MAX_RATE, MAX_SWARM_SESSIONS, MAX_SWARM_LINKS);

    private PingbackSettings() {
    }
}
