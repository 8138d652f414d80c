package org.webp2p.server.config;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;

/**
 * The services a node runs, in the order the console lists them. A service's name is also its
 * configuration prefix ({@code api.port}) and how the admin endpoint and the event log name it;
 * every service has the same three keys, {@code <name>.enabled}, {@code .bind} and {@code .port}.
 */
public enum ServiceName {
    ORIGIN("origin", 8080, "0.0.0.0"),
    API("api", 8081, "0.0.0.0"),
    TRACKER("tracker", 8082, "0.0.0.0"),
    PINGBACK("pingback", 8083, "0.0.0.0"),
    // The admin endpoint carries control operations, so it stays on loopback unless asked.
    ADMIN("admin", 8084, "127.0.0.1"),
    RENDEZVOUS("rendezvous", 1935, "0.0.0.0"),
    STUN("stun", 3478, "0.0.0.0");

    private final String id;
    private final ConfigKey<Boolean> enabled;
    private final ConfigKey<InetAddress> bind;
    private final ConfigKey<Integer> port;

    ServiceName(String id, int defaultPort, String defaultBind) {
        this.id = id;
        this.enabled = ConfigKey.bool(id + ".enabled", true, "Start the " + id + " service.");
        this.bind = ConfigKey.address(id + ".bind", defaultBind, "Address the " + id + " service binds.");
        this.port = ConfigKey.port(id + ".port", defaultPort, "Port of the " + id + " service (0 picks a free one).");
    }

    /** The service a name stands for, if it is one of the node's own. */
    public static Optional<ServiceName> of(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }

    /** The name as services, keys and the wire spell it. */
    public String id() {
        return id;
    }

    /** Whether the node starts the service with the others. */
    public ConfigKey<Boolean> enabled() {
        return enabled;
    }

    public ConfigKey<InetAddress> bind() {
        return bind;
    }

    public ConfigKey<Integer> port() {
        return port;
    }

    @Override
    public String toString() {
        return id;
    }
}
