package org.webp2p.server.admin;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webp2p.protocol.ClientKind;
import org.webp2p.protocol.admin.ClientFigures;
import org.webp2p.protocol.admin.LiveSession;
import org.webp2p.protocol.admin.MinuteStat;
import org.webp2p.protocol.admin.NodeState;
import org.webp2p.protocol.admin.PeerLink;
import org.webp2p.protocol.admin.PeerRecord;
import org.webp2p.protocol.admin.ServiceState;
import org.webp2p.protocol.admin.ServiceStatus;
import org.webp2p.protocol.admin.StreamStats;
import org.webp2p.protocol.admin.SwarmFigures;
import org.webp2p.protocol.admin.SwarmSummary;
import org.webp2p.protocol.admin.WebPeer;
import org.webp2p.protocol.admin.WebSwarm;
import org.webp2p.server.api.ApiService;
import org.webp2p.server.api.OpenStreams;
import org.webp2p.server.config.ApiSettings;
import org.webp2p.server.config.Config;
import org.webp2p.server.config.OriginSettings;
import org.webp2p.server.config.ServiceName;
import org.webp2p.server.net.ServerTls;
import org.webp2p.server.origin.OriginService;
import org.webp2p.server.pingback.LiveAggregator;
import org.webp2p.server.pingback.PingbackService;
import org.webp2p.server.rtmp.RtmpService;
import org.webp2p.server.rtmp.session.PublishSession;
import org.webp2p.server.service.ServiceManager;
import org.webp2p.server.tracker.TrackerService;

/** Reads a {@link NodeState} from the services' own snapshots. Safe to call from any thread. */
public final class NodeStateReader {
    private static final Logger log = LoggerFactory.getLogger(NodeStateReader.class);
    private static final Duration HOUR = Duration.ofHours(1);

    private final ServiceManager services;
    private volatile String wildcardHost;

    public NodeStateReader(ServiceManager services) {
        this.services = services;
    }

    public NodeState read() {
        Instant now = services.context().clock().instant();
        List<ServiceStatus> statuses = services.statuses();

        // Only running services are read: a stopped tracker or pingback may still hold its last state.
        OriginService origin = services.service(OriginService.NAME, OriginService.class);
        boolean serving = running(statuses, OriginService.NAME);
        List<StreamStats> streams = serving ? origin.streams() : List.of();
        Optional<NodeState.OriginAccess> access = serving ? access(origin, statuses, streams) : Optional.empty();

        TrackerService tracker = services.service(TrackerService.NAME, TrackerService.class);
        boolean tracking = running(statuses, TrackerService.NAME);
        List<SwarmSummary> swarms = tracking ? tracker.swarms() : List.of();
        List<WebSwarm> webSwarms = tracking ? tracker.webSwarms() : List.of();
        List<WebPeer> webPeers = tracking ? tracker.webPeers() : List.of();
        List<PeerRecord> peers = new ArrayList<>();
        swarms.forEach(s -> peers.addAll(tracker.peers(s.swarm())));

        PingbackService pingback = services.service(PingbackService.NAME, PingbackService.class);
        boolean beacons = running(statuses, PingbackService.NAME);
        SwarmFigures global = beacons ? pingback.figures(LiveAggregator.ALL).orElse(noFigures()) : noFigures();
        Map<String, SwarmFigures> perSwarm = new HashMap<>();
        Map<String, List<PeerLink>> links = new HashMap<>();
        if (beacons) {
            pingback.swarms().forEach(f -> {
                perSwarm.put(f.swarm(), f);
                List<PeerLink> swarmLinks = pingback.links(f.swarm());
                if (!swarmLinks.isEmpty()) {
                    links.put(f.swarm(), swarmLinks);
                }
            });
            // A session opened on a rendition's own name is that swarm's: its figures come first.
            pingback.renditions().forEach(f -> perSwarm.putIfAbsent(f.swarm(), f));
        }
        List<MinuteStat> lastHour = beacons ? lastHour(pingback, now) : List.of();
        List<LiveSession> sessions = beacons ? pingback.sessions().stream().map(LiveAggregator.SessionHealth::live)
                .toList() : List.of();
        return new NodeState(now, statuses, streams, access, swarms, peers, global, perSwarm, links, lastHour, webSwarms,
                webPeers, sessions);
    }

    private Optional<NodeState.OriginAccess> access(OriginService origin, List<ServiceStatus> statuses,
                                                    List<StreamStats> streams) {
        Config config = services.context().config();
        Map<String, String> streamKeys = new HashMap<>();
        OpenStreams open = OpenStreams.from(config);
        List<String> openStreams = new ArrayList<>();
        for (StreamStats s : streams) {
            config.optional(OriginSettings.STREAM_KEY, s.name()).ifPresent(k -> streamKeys.put(s.name(), k));
            if (open.contains(s.name())) {
                openStreams.add(s.name());
            }
        }
        String apiUrl = running(statuses, ApiService.NAME) ? status(statuses, ApiService.NAME)
                .flatMap(ServiceStatus::primaryAddress).map(a -> baseUrl(ServiceName.API, a)).orElse(null) : null;
        String rtmpUrl = running(statuses, RtmpService.NAME) ? status(statuses, RtmpService.NAME)
                .flatMap(ServiceStatus::primaryAddress).map(a -> "rtmp://" + hostPort(a) + "/" + PublishSession.APPLICATION)
                .orElse(null) : null;
        return origin.publishKey().flatMap(key -> status(statuses, OriginService.NAME).orElseThrow().primaryAddress()
                .map(a -> new NodeState.OriginAccess(baseUrl(ServiceName.ORIGIN, a), key, streamKeys, apiUrl,
                        openStreams, rtmpUrl)));
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

    /**
     * The URL players use for a service: https when it has a certificate (browsers on an https page
     * may only reach https), on {@code api.public-host} when set as the API's own URLs are, else on
     * the bound address, a wildcard bind being reachable at this host's own address.
     */
    private String baseUrl(ServiceName service, InetSocketAddress bound) {
        String scheme = ServerTls.configured(services.context().config(), service) ? "https" : "http";
        return scheme + "://" + hostPort(bound);
    }

    /** The host clients reach {@code bound} at ({@code api.public-host} when set), with its port. */
    private String hostPort(InetSocketAddress bound) {
        String host = services.context().config().get(ApiSettings.PUBLIC_HOST).strip();
        if (host.isEmpty()) {
            host = boundHost(bound);
        }
        boolean bare6 = host.contains(":") && !host.startsWith("[");
        return (bare6 ? "[" + host + "]" : host) + ":" + bound.getPort();
    }

    private String boundHost(InetSocketAddress bound) {
        if (bound.getAddress() != null && bound.getAddress().isAnyLocalAddress()) {
            if (wildcardHost == null) {
                try {
                    wildcardHost = InetAddress.getLocalHost().getHostAddress();
                } catch (UnknownHostException e) {
                    wildcardHost = "localhost";
                }
            }
            return wildcardHost;
        }
        return bound.getAddress() != null ? bound.getAddress().getHostAddress() : bound.getHostString();
    }

    private static SwarmFigures noFigures() {
        return new SwarmFigures(LiveAggregator.ALL, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, List.of(),
                Arrays.stream(ClientKind.values()).map(ClientFigures::none).toList());
    }
}
