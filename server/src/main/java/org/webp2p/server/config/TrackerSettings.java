package org.webp2p.server.config;

import java.time.Duration;
import java.util.List;

/** Settings of the tracker service: how often peers announce and how large swarms grow. */
public final class TrackerSettings {
    public static final ConfigKey<Duration> ANNOUNCE_INTERVAL = ConfigKey.duration("tracker.announce-interval", "15s",
            "How often peers announce; a peer silent for two intervals leaves its swarm.");
    public static final ConfigKey<Integer> LIST_SIZE = ConfigKey.integer("tracker.list-size", 20, 1, 200,
            "Most peers one announce returns.");
    public static final ConfigKey<Integer> MAX_SWARM_PEERS = ConfigKey.integer("tracker.max-swarm-peers", 10000, 1, 1_000_000,
            "Most peers in one swarm.");
    public static final ConfigKey<Integer> MAX_PEERS_PER_ADDRESS = ConfigKey.integer("tracker.max-peers-per-address",
            256, 1, 1_000_000, "Most peers of one swarm announcing from one address.");
    public static final ConfigKey<Integer> LOOKAHEAD = ConfigKey.integer("tracker.lookahead", 6, 1, 1000,
            "Segments after a peer's position it will want soon; holders of them rank first.");

    static final List<ConfigKey<?>> KEYS = List.of(ANNOUNCE_INTERVAL, LIST_SIZE, MAX_SWARM_PEERS, MAX_PEERS_PER_ADDRESS,
            LOOKAHEAD);

    private TrackerSettings() {
    }
}
