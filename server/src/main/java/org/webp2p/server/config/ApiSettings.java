package org.webp2p.server.config;

import java.time.Duration;
import java.util.List;

/** Settings of the API service: who gets a session and the P2P plan it hands out. */
public final class ApiSettings {
    public static final ConfigKey<Boolean> OPEN = ConfigKey.bool("api.open", false,
            "Accept sessions without a token (local demos only; the console flags it).");
    public static final ConfigKey<String> OPEN_STREAMS = ConfigKey.string("api.open-streams", "demo,demo-hd",
            "Streams (comma-separated) anyone may play without a token; the built-in demos by default.");
    public static final ConfigKey<String> TOKEN_SECRET = ConfigKey.string("api.token-secret", "",
            "Base64 secret signing tokens; empty makes one in DATA_DIR/api-token.key at first use.");
    public static final ConfigKey<String> PUBLIC_HOST = ConfigKey.string("api.public-host", "",
            "Host name handed to clients in URLs; empty uses the host they reached the API by.");
    public static final ConfigKey<Boolean> P2P = ConfigKey.bool("api.p2p", true, "Let clients exchange segments with peers.");
    public static final ConfigKey<Integer> P2P_MIN_SWARM = ConfigKey.integer("api.p2p-min-swarm", 1, 0, 1_000_000,
            "Other live peers a swarm needs before a client fetches from peers.");
    public static final ConfigKey<Integer> MAX_PEERS = ConfigKey.integer("api.max-peers", 8, 1, 200,
            "Peers one client connects to at most.");
    public static final ConfigKey<Integer> PREFETCH_SEGMENTS = ConfigKey.integer("api.prefetch-segments", 6, 1, 100,
            "Segments ahead of playback a client may fetch from peers.");
    public static final ConfigKey<Integer> P2P_SEGMENTS_BEHIND_LIVE = ConfigKey.integer("api.p2p-segments-behind-live", 3,
            2, 100, "Segments behind the newest listed at which a client with peers starts playing a live stream: "
                    + "each one more gives peers a segment's time more to deliver before HTTP takes over, and adds "
                    + "as much delay (3 with 2 s segments: about 10 s behind live; 7: about 18 s).");
    public static final ConfigKey<Integer> UPLOAD_LIMIT_KBPS = ConfigKey.integer("api.upload-limit-kbps", 6000, 0, 10_000_000,
            "Upload one client gives the swarm.");
    public static final ConfigKey<Duration> SESSION_TTL = ConfigKey.duration("api.session-ttl", "6h",
            "A session not renewed for this long is forgotten.");
    public static final ConfigKey<Duration> TICKET_TTL = ConfigKey.duration("api.ticket-ttl", "10m",
            "How long a session ticket (proof for pingback that the API opened the session) is good for; "
                    + "clients renew their plan, and with it the ticket, every pingback interval.");
    public static final ConfigKey<String> CLUSTER = ConfigKey.string("api.cluster", "",
            "Other nodes' API URLs (comma separated); the scheduler sends clients to whichever has room.");
    public static final ConfigKey<Duration> CLUSTER_POLL = ConfigKey.duration("api.cluster-poll", "5s",
            "How often other nodes' load is read.");
    public static final ConfigKey<Integer> MAX_SESSIONS = ConfigKey.integer("api.max-sessions", 100_000, 1, 100_000_000,
            "Sessions kept at most.");
    public static final ConfigKey<Integer> MAX_SESSIONS_PER_SUBJECT = ConfigKey.integer("api.max-sessions-per-subject", 1000,
            1, 100_000_000, "Sessions one token subject holds at most; a token without a subject counts alone, "
                    + "open streams count per client address (/64 for IPv6).");

    static final List<ConfigKey<?>> KEYS = List.of(OPEN, OPEN_STREAMS, TOKEN_SECRET, PUBLIC_HOST, P2P, P2P_MIN_SWARM, MAX_PEERS,
            PREFETCH_SEGMENTS, P2P_SEGMENTS_BEHIND_LIVE, UPLOAD_LIMIT_KBPS, SESSION_TTL, TICKET_TTL, CLUSTER, CLUSTER_POLL, MAX_SESSIONS,
            MAX_SESSIONS_PER_SUBJECT);

    private ApiSettings() {
    }
}
