package org.webp2p.server.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.webp2p.protocol.admin.ServiceState;
import org.webp2p.protocol.admin.ServiceStatus;
import org.webp2p.protocol.admin.StreamStats;
import org.webp2p.server.config.AdminSettings;
import org.webp2p.server.config.ServiceName;
import org.webp2p.server.origin.OriginService;
import org.webp2p.server.origin.OriginTraffic;
import org.webp2p.server.service.ServiceManager;

/**
 * The node's figures in Prometheus' terms, read at scrape time from what the services already keep:
 * each service's {@link ServiceStatus} with its metrics, and the origin's, tracker's and pingback's own
 * snapshots. Nothing is counted twice, and a stopped service simply has no samples. Every label has a
 * bounded set of values: services, states, reasons and kinds are fixed sets, streams are
 * {@link StreamLabels}, and no peer, session or address is ever a label. Safe from any thread.
 */
public final class NodeCollector implements MultiCollector {
    /** The origin's refusals that concern uploads (the others concern players). */
    private static final Set<String> INGEST_REFUSALS = Set.of("forbidden", "bad-playlist", "not-media", "reserved",
            "busy", "too-large", "storage");

    private final ServiceManager services;
    private final int maxStreams;

    public NodeCollector(ServiceManager services) {
        this.services = services;
        this.maxStreams = services.context().config().get(AdminSettings.METRICS_MAX_STREAMS);
    }

    @Override
    public MetricSnapshots collect() {
        MetricFamilies f = new MetricFamilies();
        Instant now = services.context().clock().instant();
        List<ServiceStatus> statuses = services.statuses();
        OriginService origin = services.service(OriginService.NAME, OriginService.class);
        List<StreamStats> streams = running(statuses, OriginService.NAME) ? origin.streams() : List.of();
        StreamLabels labels = new StreamLabels(streams.stream().map(StreamStats::name).toList(), maxStreams);
        for (ServiceStatus s : statuses) {
            lifecycle(f, s, now);
            connections(f, s);
        }
        for (ServiceStatus s : statuses) {
            Map<String, Number> m = s.metrics();
            ServiceName.of(s.name()).ifPresent(name -> {
                switch (name) {
                    case ORIGIN -> origin(f, m, origin.traffic(), streams, labels);
                    case RTMP -> rtmp(f, m);
                    case API -> api(f, m);
                    default -> {
                    }
                }
            });
        }
        new P2pFigures(services, statuses, labels).addTo(f);
        return f.snapshots();
    }

    private static void lifecycle(MetricFamilies f, ServiceStatus s, Instant now) {
        for (ServiceState state : ServiceState.values()) {
            f.gauge("webp2p_service_state", "1 for the state each service is in, 0 for the others", s.state() == state ? 1 : 0,
                    "service", s.name(), "state", state.name().toLowerCase(Locale.ROOT));
        }
        f.gauge("webp2p_service_up", "1 when the service is running", s.state() == ServiceState.RUNNING ? 1 : 0,
                "service", s.name());
        f.gauge("webp2p_service_uptime_seconds", "Time the service has been running, 0 when it is not",
                s.uptime(now).toMillis() / 1000.0, "service", s.name());
    }

    /** What every TCP and HTTP service reports the same way. */
    private static void connections(MetricFamilies f, ServiceStatus s) {
        Map<String, Number> m = s.metrics();
        String service = s.name();
        gauge(f, m, "connections", "webp2p_connections", "Open TCP connections", "service", service);
        counter(f, m, "connections.refused", "webp2p_connections_refused", "Connections closed on arrival (per-address limit)",
                "service", service);
        counter(f, m, "connections.idle-closed", "webp2p_connections_idle_closed", "Connections closed for silence",
                "service", service);
        counter(f, m, "timeouts.header", "webp2p_http_timeouts", "Requests cut off for arriving too slowly",
                "service", service, "part", "header");
        counter(f, m, "timeouts.body", "webp2p_http_timeouts", "Requests cut off for arriving too slowly",
                "service", service, "part", "body");
        if (!m.containsKey("clientErrors")) {
            return;
        }
        counter(f, m, "requests", "webp2p_http_requests", "Requests routed by a JSON-over-HTTP service", "service", service);
        counter(f, m, "clientErrors", "webp2p_http_errors", "Requests answered with an error, by class", "service", service,
                "class", "4xx");
        counter(f, m, "serverErrors", "webp2p_http_errors", "Requests answered with an error, by class", "service", service,
                "class", "5xx");
    }

    private static void origin(MetricFamilies f, Map<String, Number> m, List<OriginTraffic> traffic,
                               List<StreamStats> streams, StreamLabels labels) {
        for (OriginTraffic t : traffic) {
            String[] l = {"stream", labels.of(t.stream()), "status", Integer.toString(t.status()), "cache", t.cache()};
            f.counter("webp2p_origin_requests", "Players' GET and HEAD requests the origin answered", t.requests(), l);
            f.counter("webp2p_origin_sent_bytes", "Body bytes the origin sent to players", t.bytes(), l);
        }
        for (StreamStats s : streams) {
            f.gauge("webp2p_origin_streams", "Streams the origin serves, by kind", 1, "kind",
                    s.kind().name().toLowerCase(Locale.ROOT));
            if (s.kind() == StreamStats.Kind.LIVE || s.kind() == StreamStats.Kind.ENDED) {
                String stream = labels.of(s.name());
                f.counter("webp2p_ingest_segments", "Segments ingested since the origin started", s.segments(), "stream", stream);
                f.gauge("webp2p_ingest_rate_bytes_per_second", "Bytes a second of the segments in the live window",
                        s.ingestBitrate() / 8.0, "stream", stream);
                if (labels.labelled(s.name())) {
                    s.lastSegmentAge().ifPresent(age -> f.gauge("webp2p_ingest_last_segment_age_seconds",
                            "Time since the stream's last segment arrived", age.toMillis() / 1000.0, "stream", stream));
                }
            }
        }
        m.forEach((key, n) -> {
            if (key.startsWith("rejected.")) {
                String reason = key.substring("rejected.".length());
                f.counter("webp2p_origin_refused_requests", "Requests the origin refused, by reason", n, "reason", reason);
                if (INGEST_REFUSALS.contains(reason)) {
                    f.counter("webp2p_ingest_errors", "Uploads or publishes refused or broken, by protocol and reason", n,
                            "protocol", "http", "reason", reason);
                }
            }
        });
    }

    private static void rtmp(MetricFamilies f, Map<String, Number> m) {
        gauge(f, m, "publishing", "webp2p_rtmp_publishing", "RTMP publishers whose stream is live");
        counter(f, m, "publishes", "webp2p_rtmp_publishes", "RTMP publishes accepted");
        counter(f, m, "bytes-in", "webp2p_rtmp_received_bytes", "Bytes received from RTMP publishers");
        counter(f, m, "segments", "webp2p_rtmp_segments", "HLS segments cut from RTMP publishes");
        counter(f, m, "frames-dropped", "webp2p_rtmp_dropped_frames", "Frames left out of segments");
        m.forEach((key, n) -> {
            if (key.startsWith("violations.")) {
                f.counter("webp2p_ingest_errors", "Uploads or publishes refused or broken, by protocol and reason", n,
                        "protocol", "rtmp", "reason", key.substring("violations.".length()));
            } else if (key.startsWith("closed.")) {
                f.counter("webp2p_rtmp_closed_connections", "RTMP connections closed, by reason", n,
                        "reason", key.substring("closed.".length()));
            }
        });
    }

    private static void api(MetricFamilies f, Map<String, Number> m) {
        gauge(f, m, "sessions", "webp2p_api_sessions", "Playback sessions the API holds");
        counter(f, m, "refusedTokens", "webp2p_api_refused_sessions", "Sessions refused, by reason", "reason", "token");
        counter(f, m, "refusedSubjectLimit", "webp2p_api_refused_sessions", "Sessions refused, by reason",
                "reason", "subject_limit");
        counter(f, m, "refusedBusy", "webp2p_api_refused_sessions", "Sessions refused, by reason", "reason", "busy");
    }

    static void counter(MetricFamilies f, Map<String, Number> m, String key, String name, String help, String... labels) {
        Number n = m.get(key);
        if (n != null) {
            f.counter(name, help, n, labels);
        }
    }

    static void gauge(MetricFamilies f, Map<String, Number> m, String key, String name, String help, String... labels) {
        Number n = m.get(key);
        if (n != null) {
            f.gauge(name, help, n, labels);
        }
    }

    static boolean running(List<ServiceStatus> statuses, String name) {
        return statuses.stream().anyMatch(s -> s.name().equals(name) && s.state() == ServiceState.RUNNING);
    }
}
