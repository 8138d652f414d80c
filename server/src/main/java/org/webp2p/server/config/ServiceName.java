package org.webp2p.server.config;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The services a node runs, in the order the console lists them. A service's name is also its
 * configuration prefix ({@code api.port}) and how the admin endpoint and the event log name it;
 * every service has the same keys, {@code <name>.enabled}, {@code .bind} and {@code .port}, and one
 * that speaks HTTP also {@code .tls.cert} and {@code .tls.key}.
 */
public enum ServiceName {
    ORIGIN("origin", 8080, "0.0.0.0", Transport.HTTP),
    API("api", 8081, "0.0.0.0", Transport.HTTP),
    TRACKER("tracker", 8082, "0.0.0.0", Transport.HTTP),
    PINGBACK("pingback", 8083, "0.0.0.0", Transport.HTTP),
    // The admin endpoint carries control operations, so it stays on loopback unless asked.
    ADMIN("admin", 8084, "127.0.0.1", Transport.HTTP),
    RENDEZVOUS("rendezvous", 1935, "0.0.0.0", Transport.UDP),
    // RTMP ingest keeps the port encoders expect; it is TCP, so it shares the number with the rendezvous.
    RTMP("rtmp", 1935, "0.0.0.0", Transport.TCP),
    STUN("stun", 3478, "0.0.0.0", Transport.UDP);

    private enum Transport { HTTP, TCP, UDP }

    private final String id;
    private final Transport transport;
    private final ConfigKey<Boolean> enabled;
    private final ConfigKey<InetAddress> bind;
    private final ConfigKey<Integer> port;
    private final ConfigKey<String> tlsCert;
    private final ConfigKey<String> tlsKey;

    ServiceName(String id, int defaultPort, String defaultBind, Transport transport) {
        this.id = id;
        this.transport = transport;
        this.enabled = ConfigKey.bool(id + ".enabled", true, "Start the " + id + " service.");
        this.bind = ConfigKey.address(id + ".bind", defaultBind, "Address the " + id + " service binds.");
        this.port = ConfigKey.port(id + ".port", defaultPort, "Port of the " + id + " service (0 picks a free one).");
        this.tlsCert = ConfigKey.string(id + ".tls.cert", "",
                "PEM certificate of the " + id + " service; empty uses tls.cert.");
        this.tlsKey = ConfigKey.string(id + ".tls.key", "",
                "PEM private key of the " + id + " service; empty uses tls.key.");
    }

    /** The service a name stands for, if it is one of the node's own. */
    public static Optional<ServiceName> of(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }

    /** The name as services, keys and the wire spell it. */
    public String id() {
        return id;
    }

    /** Whether the service answers HTTP, and so may serve it over TLS. */
    public boolean speaksHttp() {
        return transport == Transport.HTTP;
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

    /** This service's own certificate, before {@link TlsSettings#CERT}; only for one that speaks HTTP. */
    public ConfigKey<String> tlsCert() {
        return httpOnly(tlsCert);
    }

    /** This service's own private key, before {@link TlsSettings#KEY}; only for one that speaks HTTP. */
    public ConfigKey<String> tlsKey() {
        return httpOnly(tlsKey);
    }

    /** The service's keys in the order the console lists them. */
    List<ConfigKey<?>> keys() {
        List<ConfigKey<?>> keys = new ArrayList<>(List.of(enabled, bind, port));
        if (speaksHttp()) {
            keys.addAll(List.of(tlsCert, tlsKey));
        }
        return keys;
    }

    private <T> ConfigKey<T> httpOnly(ConfigKey<T> key) {
        if (!speaksHttp()) {
            throw new IllegalStateException(id + " does not speak HTTP, so has no " + key.name());
        }
        return key;
    }

    @Override
    public String toString() {
        return id;
    }
}
