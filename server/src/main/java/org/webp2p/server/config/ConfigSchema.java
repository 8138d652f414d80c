package org.webp2p.server.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every key the product understands. Unknown keys are refused at load so a typo never silently
 * falls back to a default.
 */
public final class ConfigSchema {

    /** The services, in the order the console lists them, with their default ports. */
    public static final Map<String, Integer> SERVICE_PORTS;

    static {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (ServiceName service : ServiceName.values()) {
            ports.put(service.id(), service.defaultPort());
        }
        SERVICE_PORTS = Collections.unmodifiableMap(ports);
    }

    /** The services that speak HTTP, and so may serve it over TLS. */
    public static final Set<String> HTTP_SERVICES = Set.of("origin", "api", "tracker", "pingback", "admin");

    private final Map<String, ConfigKey> exact = new LinkedHashMap<>();
    private final List<ConfigKey> patterns = new ArrayList<>();

    private ConfigSchema() {
    }

    /** The product's full schema. */
    public static ConfigSchema standard() {
        ConfigSchema s = new ConfigSchema();
        SERVICE_PORTS.forEach((service, port) -> {
            // The admin endpoint carries control operations, so it stays on loopback unless asked.
            String bind = service.equals(ServiceName.ADMIN.id()) ? "127.0.0.1" : "0.0.0.0";
            s.add(ConfigKey.of(service + ".enabled", ValueType.BOOLEAN, "true", "Start the " + service + " service."));
            s.add(ConfigKey.of(service + ".bind", ValueType.ADDRESS, bind, "Address the " + service + " service binds."));
            s.add(ConfigKey.of(service + ".port", ValueType.PORT, port.toString(),
                    "Port of the " + service + " service (0 picks a free one)."));
            if (HTTP_SERVICES.contains(service)) {
                s.add(ConfigKey.of(service + ".tls.cert", ValueType.STRING, "",
                        "PEM certificate of the " + service + " service; empty uses tls.cert."));
                s.add(ConfigKey.of(service + ".tls.key", ValueType.STRING, "",
                        "PEM private key of the " + service + " service; empty uses tls.key."));
            }
        });
        s.add(ConfigKey.of("stun.alt-port", ValueType.PORT, "3479",
                "Second STUN port for RFC 5780 behaviour discovery (CHANGE-REQUEST, OTHER-ADDRESS)."));
        s.add(ConfigKey.of("stun.alt-bind", ValueType.STRING, "",
                "Second STUN address; empty uses stun.bind (port changes only)."));
        s.add(ConfigKey.of("rendezvous.require-token", ValueType.BOOLEAN, "true",
                "Peers must present an API token for their stream in connect (api.open accepts any)."));
        s.add(ConfigKey.integer("rendezvous.max-sessions", 10_000, 1, 1_000_000,
                "RTMFP sessions held at most; past it new peers are redirected to rendezvous.peers."));
        s.add(ConfigKey.of("rendezvous.peers", ValueType.STRING, "",
                "Other rendezvous nodes (host:port, comma separated) that new peers go to when this one is full."));
        s.add(ConfigKey.of("store.url", ValueType.STRING, "",
                "JDBC URL of the store; empty means embedded H2 in the data directory."));
        s.add(ConfigKey.of("store.user", ValueType.STRING, "sa", "Store user name."));
        s.add(ConfigKey.of("store.password", ValueType.STRING, "", "Store password."));
        s.add(ConfigKey.of("http.max-body", ValueType.SIZE, "64MB",
                "Largest request body any HTTP service accepts (larger ones get 413)."));
        s.add(ConfigKey.of("tracker.announce-interval", ValueType.DURATION, "15s",
                "How often peers announce; a peer silent for two intervals leaves its swarm."));
        s.add(ConfigKey.integer("tracker.list-size", 20, 1, 200, "Most peers one announce returns."));
        s.add(ConfigKey.integer("tracker.max-swarm-peers", 10000, 1, 1_000_000, "Most peers in one swarm."));
        s.add(ConfigKey.integer("tracker.max-peers-per-address", 256, 1, 1_000_000,
                "Most peers of one swarm announcing from one address."));
        s.add(ConfigKey.integer("tracker.lookahead", 6, 1, 1000,
                "Segments after a peer's position it will want soon; holders of them rank first."));
        s.add(ConfigKey.of("tracker.ws-interval", ValueType.DURATION, "120s",
                "Announce interval WebSocket (WebTorrent) peers are told; silent for two of them, a peer leaves."));
        s.add(ConfigKey.of("tracker.ws-max-frame", ValueType.SIZE, "64KB",
                "Largest WebSocket message the tracker takes (five full SDP offers fit in 64KB)."));
        s.add(ConfigKey.integer("tracker.ws-max-offers", 10, 1, 100, "Most offers one WebSocket announce may carry."));
        s.add(ConfigKey.integer("tracker.ws-max-swarms", 10_000, 1, 10_000_000,
                "Most WebSocket swarms (info hashes) the tracker holds at once."));
        s.add(ConfigKey.integer("tracker.ws-max-sockets-per-address", 256, 1, 1_000_000,
                "Most WebSocket connections from one IP address."));
        s.add(ConfigKey.of("tracker.ws-known-hashes-only", ValueType.BOOLEAN, "false",
                "Refuse WebSocket announces for info hashes that are not one of this node's origin streams."));
        s.add(ConfigKey.of("tls.cert", ValueType.STRING, "",
                "PEM certificate chain for every HTTP service (and the tracker's wss); empty serves plain HTTP only."));
        s.add(ConfigKey.of("tls.key", ValueType.STRING, "", "PEM private key (PKCS#8, as certbot writes it) of tls.cert."));
        s.add(ConfigKey.of("tls.require", ValueType.BOOLEAN, "false",
                "With a certificate, refuse plain HTTP on that port; otherwise a port answers both TLS and plain HTTP."));
        s.add(ConfigKey.of("pingback.interval", ValueType.DURATION, "10s", "How often clients send a beacon."));
        s.add(ConfigKey.of("pingback.window", ValueType.DURATION, "5m", "Window of the live figures."));
        s.add(ConfigKey.of("pingback.bucket", ValueType.DURATION, "10s", "Resolution of the live window."));
        s.add(ConfigKey.of("pingback.flush-interval", ValueType.DURATION, "1s",
                "How often beacons are written to the store; a crash loses at most this much."));
        s.add(ConfigKey.of("pingback.retention", ValueType.DURATION, "7d", "How long raw beacons are kept."));
        s.add(ConfigKey.of("pingback.rollup-retention", ValueType.DURATION, "90d",
                "How long per-minute history is kept."));
        s.add(ConfigKey.integer("pingback.max-batch", 100, 1, 10_000, "Most beacons in one request."));
        s.add(ConfigKey.of("pingback.max-body", ValueType.SIZE, "256KB", "Largest beacon request body."));
        s.add(ConfigKey.integer("pingback.queue-limit", 100_000, 100, 10_000_000,
                "Beacons waiting for the store before new ones are refused with 503."));
        s.add(ConfigKey.of("origin.publish-key", ValueType.STRING, "",
                "Key encoders publish with (?key= or X-Publish-Key); empty makes one at first start and keeps it."));
        s.add(ConfigKey.of("origin.stream.*.key", ValueType.STRING, "",
                "Publish key of one stream, replacing origin.publish-key for it."));
        s.add(ConfigKey.of("origin.max-upload", ValueType.SIZE, "32MB",
                "Largest segment or playlist an encoder may upload (larger ones get 413)."));
        s.add(ConfigKey.integer("origin.live-window", 10, 2, 1000,
                "Segments listed in a live playlist; as many again stay fetchable after leaving it. Browser players"
                + " start window-1 segments behind the edge and take from peers only segments over 15 s ahead, so"
                + " fewer than about 10 two-second segments leave them nothing to share."));
        s.add(ConfigKey.of("origin.ended-after", ValueType.DURATION, "10s",
                "Silence after which a live stream is marked ended (#EXT-X-ENDLIST)."));
        s.add(ConfigKey.of("origin.vod-roots", ValueType.STRING, "",
                "Comma-separated directories served as they are under /vod/<directory name>/."));
        s.add(ConfigKey.of("origin.cors-origins", ValueType.STRING, "*",
                "Web origins (comma-separated) whose pages may use the origin, API and pingback (the player); * allows any."));
        s.add(ConfigKey.of("api.open", ValueType.BOOLEAN, "false",
                "Accept sessions without a token (local demos only; the console flags it)."));
        s.add(ConfigKey.of("api.open-streams", ValueType.STRING, "demo",
                "Streams (comma-separated) anyone may play without a token; the built-in demo by default."));
        s.add(ConfigKey.of("api.token-secret", ValueType.STRING, "",
                "Base64 secret signing tokens; empty makes one in DATA_DIR/api-token.key at first use."));
        s.add(ConfigKey.of("api.public-host", ValueType.STRING, "",
                "Host name handed to clients in URLs; empty uses the host they reached the API by."));
        s.add(ConfigKey.of("api.p2p", ValueType.BOOLEAN, "true", "Let clients exchange segments with peers."));
        s.add(ConfigKey.integer("api.p2p-min-swarm", 1, 0, 1_000_000,
                "Other live peers a swarm needs before a client fetches from peers."));
        s.add(ConfigKey.integer("api.max-peers", 8, 1, 200, "Peers one client connects to at most."));
        s.add(ConfigKey.integer("api.prefetch-segments", 6, 1, 100,
                "Segments ahead of playback a client may fetch from peers."));
        s.add(ConfigKey.integer("api.upload-limit-kbps", 2000, 0, 10_000_000, "Upload one client gives the swarm."));
        s.add(ConfigKey.of("api.session-ttl", ValueType.DURATION, "6h",
                "A session not renewed for this long is forgotten."));
        s.add(ConfigKey.of("api.cluster", ValueType.STRING, "",
                "Other nodes' API URLs (comma separated); the scheduler sends clients to whichever has room."));
        s.add(ConfigKey.of("api.cluster-poll", ValueType.DURATION, "5s", "How often other nodes' load is read."));
        s.add(ConfigKey.integer("api.max-sessions", 100_000, 1, 100_000_000, "Sessions kept at most."));
        s.add(ConfigKey.of("admin.token", ValueType.STRING, "",
                "Bearer token the admin endpoint asks for; empty makes one in DATA_DIR/admin-token at first start."));
        s.add(ConfigKey.of("ui.poll-interval", ValueType.DURATION, "1s", "How often the console refreshes."));
        return s;
    }

    /** Adds a key; later issues' services register theirs here. */
    public ConfigSchema add(ConfigKey key) {
        if (key.isPattern()) {
            patterns.add(key);
        } else if (exact.putIfAbsent(key.name(), key) != null) {
            throw new IllegalArgumentException("duplicate key " + key.name());
        }
        return this;
    }

    public Optional<ConfigKey> find(String name) {
        ConfigKey key = exact.get(name);
        if (key != null) {
            return Optional.of(key);
        }
        return patterns.stream().filter(p -> p.matches(name)).findFirst();
    }

    /** Exact keys in declaration order (patterns have no default to show). */
    public List<ConfigKey> keys() {
        return List.copyOf(exact.values());
    }

    public List<ConfigKey> patterns() {
        return List.copyOf(patterns);
    }
}
