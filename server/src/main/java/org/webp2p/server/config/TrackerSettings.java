package org.webp2p.server.config;

import java.time.Duration;
import java.util.List;

/** Settings of the tracker service: how often peers announce and how large swarms grow, over HTTP and WebSocket. */
public final class TrackerSettings {
    public static final ConfigKey<Duration> ANNOUNCE_INTERVAL = ConfigKey.duration("tracker.announce-interval", "15s",
            "How often peers announce; a peer silent for two intervals leaves its swarm.");
    public static final ConfigKey<Integer> LIST_SIZE = ConfigKey.integer("tracker.list-size", 20, 1, 200,
            "Most peers one announce returns.");
    public static final ConfigKey<Integer> MAX_SWARM_PEERS = ConfigKey.integer("tracker.max-swarm-peers", 10000, 1, 1_000_000,
            "Most peers in one swarm.");
    public static final ConfigKey<Integer> MAX_PEERS_PER_ADDRESS = ConfigKey.integer("tracker.max-peers-per-address",
            256, 1, 1_000_000, "Most peers of one swarm announcing from one address.");
    public static final ConfigKey<Integer> MAX_SWARMS = ConfigKey.integer("tracker.max-swarms", 10_000, 1, 10_000_000,
            "Most SDK swarms (announced over HTTP) the tracker holds at once.");
    public static final ConfigKey<Integer> LOOKAHEAD = ConfigKey.integer("tracker.lookahead", 6, 1, 1000,
            "Segments after a peer's position it will want soon; holders of them rank first.");
    public static final ConfigKey<Duration> WS_INTERVAL = ConfigKey.duration("tracker.ws-interval", "120s",
            "Announce interval WebSocket (WebTorrent) peers are told; silent for two of them, a peer leaves.");
    public static final ConfigKey<Long> WS_MAX_FRAME = ConfigKey.size("tracker.ws-max-frame", "64KB",
            "Largest WebSocket message the tracker takes (five full SDP offers fit in 64KB).");
    public static final ConfigKey<Integer> WS_MAX_OFFERS = ConfigKey.integer("tracker.ws-max-offers", 10, 1, 100,
            "Most offers one WebSocket announce may carry.");
    public static final ConfigKey<Integer> WS_MAX_SWARMS = ConfigKey.integer("tracker.ws-max-swarms", 10_000, 1, 10_000_000,
            "Most WebSocket swarms (info hashes) the tracker holds at once.");
    public static final ConfigKey<Integer> WS_MAX_SOCKETS_PER_ADDRESS = ConfigKey.integer(
            "tracker.ws-max-sockets-per-address", 256, 1, 1_000_000, "Most WebSocket connections from one IP address.");
    public static final ConfigKey<Boolean> WS_KNOWN_HASHES_ONLY = ConfigKey.bool("tracker.ws-known-hashes-only", false,
            "Refuse WebSocket announces for info hashes that are not one of this node's origin streams.");

    static final List<ConfigKey<?>> KEYS = List.of(ANNOUNCE_INTERVAL, LIST_SIZE, MAX_SWARM_PEERS, MAX_PEERS_PER_ADDRESS,
            MAX_SWARMS, LOOKAHEAD, WS_INTERVAL, WS_MAX_FRAME, WS_MAX_OFFERS, WS_MAX_SWARMS, WS_MAX_SOCKETS_PER_ADDRESS,
            WS_KNOWN_HASHES_ONLY);

    private TrackerSettings() {
    }
}
