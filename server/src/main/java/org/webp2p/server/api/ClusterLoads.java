package org.webp2p.server.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webp2p.protocol.WireJson;
import org.webp2p.protocol.api.LoadReport;
import org.webp2p.protocol.api.NodeLoad;
import org.webp2p.server.http.LimitedBody;

/**
 * The load of the other nodes in the cluster ({@code api.cluster}), polled from their
 * {@code GET /v1/load} without blocking anyone. A node that stops answering drops out of the
 * scheduler's choices after three missed polls and comes back with its next answer.
 */
final class ClusterLoads {
    private static final Logger log = LoggerFactory.getLogger(ClusterLoads.class);
    /** Other nodes may run a newer version that reports more: read what this one knows. */
    private static final ObjectMapper OTHER_NODES = WireJson.tolerant();
    /** A load report lists a node's own rendezvous and trackers: a few hundred bytes. Larger is not one. */
    static final long MAX_REPORT = 1 << 20;

    private final List<URI> nodes;
    private final Duration every;
    private final Clock clock;
    private final HttpClient http;
    private final Map<URI, Answer> answers = new ConcurrentHashMap<>();

    private record Answer(Instant at, List<NodeLoad> rendezvous, List<NodeLoad> trackers) {
    }

    ClusterLoads(List<URI> nodes, Duration every, Clock clock) {
        this.nodes = List.copyOf(nodes);
        this.every = every;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(every).build();
    }

    /** Base URLs from {@code api.cluster}: comma separated, each an http(s) URL of another node's API. */
    static List<URI> parse(String list) {
        List<URI> out = new ArrayList<>();
        for (String part : list.split(",")) {
            String s = part.trim();
            if (s.isEmpty()) {
                continue;
            }
            URI u = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
            if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
                throw new IllegalArgumentException("api.cluster: \"" + s + "\" is not an http(s) URL");
            }
            out.add(u);
        }
        return out;
    }

    boolean isEmpty() {
        return nodes.isEmpty();
    }

    /** Asks every node once; answers arrive in the background. */
    void poll() {
        for (URI node : nodes) {
            HttpRequest req = HttpRequest.newBuilder(node.resolve("/v1/load")).timeout(every).GET().build();
            http.sendAsync(req, LimitedBody.ofBytes(MAX_REPORT)).whenComplete((r, failure) -> {
                if (failure != null || r.statusCode() != 200) {
                    log.debug("cluster node {} did not report its load: {}", node,
                            failure != null ? failure.toString() : "HTTP " + r.statusCode());
                    return;
                }
                try {
                    LoadReport report = OTHER_NODES.readValue(r.body(), LoadReport.class);
                    answers.put(node, new Answer(clock.instant(), report.rendezvous(), report.trackers()));
                } catch (IOException | RuntimeException e) {
                    log.debug("cluster node {} sent an unreadable load report", node, e);
                }
            });
        }
    }

    List<NodeLoad> rendezvous() {
        return fresh(true);
    }

    List<NodeLoad> trackers() {
        return fresh(false);
    }

    private List<NodeLoad> fresh(boolean rendezvous) {
        Instant cutoff = clock.instant().minus(every.multipliedBy(3));
        List<NodeLoad> out = new ArrayList<>();
        for (Answer a : answers.values()) {
            if (a.at().isAfter(cutoff)) {
                out.addAll(rendezvous ? a.rendezvous() : a.trackers());
            }
        }
        return out;
    }
}
