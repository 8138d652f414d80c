package org.webp2p.ui;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webp2p.server.ServerRuntime;
import org.webp2p.server.origin.OriginService;
import org.webp2p.server.origin.StreamStats;
import org.webp2p.server.pingback.LiveAggregator;
import org.webp2p.server.pingback.MinuteStat;
import org.webp2p.server.pingback.PingbackService;
import org.webp2p.server.pingback.SwarmFigures;
import org.webp2p.server.service.ServiceEvent;
import org.webp2p.server.service.ServiceManager;
import org.webp2p.server.service.ServiceState;
import org.webp2p.server.service.ServiceStatus;
import org.webp2p.server.tracker.PeerRecord;
import org.webp2p.server.tracker.SwarmRegistry.SwarmSummary;
import org.webp2p.server.tracker.TrackerService;

/**
 * Reads one {@link NodeSnapshot} from the services' own snapshots. Runs on the polling thread only:
 * it keeps the rolling timeline between calls.
 */
final class SnapshotReader {
    /** How far back the charts reach. */
    static final Duration TIMELINE_SPAN = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(SnapshotReader.class);
    private static final Duration HOUR = Duration.ofHours(1);

    private final ServerRuntime runtime;
    private final Timeline timeline;
    private String wildcardHost;

    SnapshotReader(ServerRuntime runtime, Duration pollInterval) {
        this.runtime = runtime;
        this.timeline = new Timeline((int) Math.max(2, TIMELINE_SPAN.toMillis() / pollInterval.toMillis()));
    }

    NodeSnapshot read(List<ServiceEvent> newEvents) {
        ServiceManager services = runtime.services();
        Instant now = services.context().clock().instant();
        List<ServiceStatus> statuses = services.statuses();

        // Only running services are read: a stopped tracker or pingback may still hold its last state.
        OriginService origin = services.service(OriginService.NAME, OriginService.class);
        List<StreamStats> streams = running(statuses, OriginService.NAME) ? origin.streams() : List.of();
        Optional<NodeSnapshot.OriginAccess> access = running(statuses, OriginService.NAME)
                ? access(origin, status(statuses, OriginService.NAME).orElseThrow()) : Optional.empty();

        TrackerService tracker = services.service(TrackerService.NAME, TrackerService.class);
        List<SwarmSummary> swarms = running(statuses, TrackerService.NAME) ? tracker.swarms() : List.of();
        List<PeerRecord> peers = new ArrayList<>();
        swarms.forEach(s -> peers.addAll(tracker.peers(s.swarm())));

        PingbackService pingback = services.service(PingbackService.NAME, PingbackService.class);
        boolean beacons = running(statuses, PingbackService.NAME);
        SwarmFigures global = beacons ? pingback.figures(LiveAggregator.ALL).orElse(noFigures()) : noFigures();
        Map<String, SwarmFigures> perSwarm = new HashMap<>();
        if (beacons) {
            pingback.swarms().forEach(f -> perSwarm.put(f.swarm(), f));
        }
        List<MinuteStat> lastHour = beacons ? lastHour(pingback, now) : List.of();

        Map<String, Number> counters = status(statuses, PingbackService.NAME).map(ServiceStatus::metrics)
                .orElse(Map.of());
        int peersOnline = swarms.stream().mapToInt(SwarmSummary::peers).sum();
        long live = streams.stream().filter(s -> s.kind() == StreamStats.Kind.LIVE).count();
        List<TimelineSample> series = timeline.add(now, total(counters, "httpBytes"), total(counters, "p2pBytes"),
                peersOnline, live, global);
        return new NodeSnapshot(now, statuses, newEvents, streams, access, swarms, peers, global, perSwarm,
                lastHour, series);
    }

    private Optional<NodeSnapshot.OriginAccess> access(OriginService origin, ServiceStatus status) {
        return origin.publishKey().flatMap(key -> status.primaryAddress()
                .map(a -> new NodeSnapshot.OriginAccess(baseUrl(a), key)));
    }

    private static List<MinuteStat> lastHour(PingbackService pingback, Instant now) {
        try {
            return pingback.history(LiveAggregator.ALL, now.minus(HOUR), now);
        } catch (SQLException e) {
            log.debug("pingback history unavailable", e);
            return List.of();
        }
    }

    private static boolean running(List<ServiceStatus> statuses, String name) {
        return status(statuses, name).map(s -> s.state() == ServiceState.RUNNING).orElse(false);
    }

    private static Optional<ServiceStatus> status(List<ServiceStatus> statuses, String name) {
        return statuses.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    private static long total(Map<String, Number> counters, String key) {
        Number n = counters.get(key);
        return n == null ? -1 : n.longValue();
    }

    /** The URL players use; a wildcard bind is reachable at this host's own address. */
    private String baseUrl(InetSocketAddress bound) {
        String host;
        if (bound.getAddress() != null && bound.getAddress().isAnyLocalAddress()) {
            if (wildcardHost == null) {
                try {
                    wildcardHost = InetAddress.getLocalHost().getHostAddress();
                } catch (UnknownHostException e) {
                    wildcardHost = "localhost";
                }
            }
            host = wildcardHost;
        } else {
            host = bound.getAddress() != null ? bound.getAddress().getHostAddress() : bound.getHostString();
        }
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + bound.getPort();
    }

    private static SwarmFigures noFigures() {
        return new SwarmFigures(LiveAggregator.ALL, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, List.of());
    }
}
