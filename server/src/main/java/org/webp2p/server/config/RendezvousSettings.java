package org.webp2p.server.config;

import java.util.List;

/** Settings of the RTMFP rendezvous service. */
public final class RendezvousSettings {
    public static final ConfigKey<Boolean> REQUIRE_TOKEN = ConfigKey.bool("rendezvous.require-token", true,
            "Peers must present an API token for their stream in connect (api.open accepts any).");
    public static final ConfigKey<Integer> MAX_SESSIONS = ConfigKey.integer("rendezvous.max-sessions", 10_000, 1, 1_000_000,
            "RTMFP sessions held at most; past it new peers are redirected to rendezvous.peers.");
    public static final ConfigKey<String> PEERS = ConfigKey.string("rendezvous.peers", "",
            "Other rendezvous nodes (host:port, comma separated) that new peers go to when this one is full.");
    public static final ConfigKey<Integer> MAX_SESSIONS_PER_ADDRESS = ConfigKey.integer("rendezvous.max-sessions-per-address",
            1024, 1, 1_000_000,
            "RTMFP sessions from one IP address; thousands of viewers can share one behind a carrier-grade NAT.");
    public static final ConfigKey<Integer> HANDSHAKE_RATE_PER_ADDRESS = ConfigKey.integer(
            "rendezvous.handshake-rate-per-address", 100, 1, 1_000_000,
            "Handshakes (IHellos answered) per second from one IP address, with a burst of one second's worth.");

    static final List<ConfigKey<?>> KEYS = List.of(REQUIRE_TOKEN, MAX_SESSIONS, PEERS, MAX_SESSIONS_PER_ADDRESS,
            HANDSHAKE_RATE_PER_ADDRESS);

    private RendezvousSettings() {
    }
}
