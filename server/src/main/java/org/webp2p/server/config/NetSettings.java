package org.webp2p.server.config;

import java.time.Duration;
import java.util.List;

/** Limits every TCP service applies to its connections before the service reads a byte of them. */
public final class NetSettings {
    public static final ConfigKey<Integer> MAX_CONNECTIONS_PER_ADDRESS = ConfigKey.integer(
            "net.max-connections-per-address", 1024, 1, 1_000_000,
            "Connections one IP address (an IPv6 /64) may hold open to each TCP service; more are closed as they"
                    + " arrive and counted. Viewers behind one carrier-grade NAT or one reverse proxy share an address.");
    public static final ConfigKey<Duration> IDLE_TIMEOUT = ConfigKey.duration("net.idle-timeout", "60s",
            "A TCP connection that neither sends a byte nor takes one of its answer for this long is closed.");

    static final List<ConfigKey<?>> KEYS = List.of(MAX_CONNECTIONS_PER_ADDRESS, IDLE_TIMEOUT);

    private NetSettings() {
    }
}
