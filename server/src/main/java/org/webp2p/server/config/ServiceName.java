package org.webp2p.server.config;

/**
 * The services a node runs, in the order the console lists them. A service's name is also its
 * configuration prefix ({@code api.port}) and how the admin endpoint and the event log name it.
 */
public enum ServiceName {
    ORIGIN("origin", 8080),
    API("api", 8081),
    TRACKER("tracker", 8082),
    PINGBACK("pingback", 8083),
    ADMIN("admin", 8084),
    RENDEZVOUS("rendezvous", 1935),
    STUN("stun", 3478);

    private final String id;
    private final int defaultPort;

    ServiceName(String id, int defaultPort) {
        this.id = id;
        this.defaultPort = defaultPort;
    }

    /** The name as services, keys and the wire spell it. */
    public String id() {
        return id;
    }

    public int defaultPort() {
        return defaultPort;
    }

    @Override
    public String toString() {
        return id;
    }
}
