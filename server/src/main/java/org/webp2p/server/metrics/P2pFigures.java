package org.webp2p.server.metrics;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.webp2p.protocol.admin.ServiceStatus;
import org.webp2p.protocol.admin.SwarmFigures;
import org.webp2p.protocol.admin.SwarmSummary;
import org.webp2p.protocol.admin.WebSwarm;
import org.webp2p.rtmfp.DropReason;
import org.webp2p.server.config.ServiceName;
import org.webp2p.server.pingback.PingbackService;
import org.webp2p.server.service.ServiceManager;
import org.webp2p.server.tracker.TrackerService;

/** The figures of the peer-to-peer side for one scrape: rendezvous, STUN, tracker, pingback and live playback. */
final class P2pFigures {
    private final ServiceManager services;
    private final List<ServiceStatus> statuses;
    private final StreamLabels labels;

    P2pFigures(ServiceManager services, List<ServiceStatus> statuses, StreamLabels labels) {
        this.services = services;
        this.statuses = statuses;
        this.labels = labels;
    }

    void addTo(MetricFamilies f) {
        for (ServiceStatus s : statuses) {
            Map<String, Number> m = s.metrics();
            ServiceName.of(s.name()).ifPresent(name -> {
                switch (name) {
                    case RENDEZVOUS -> rendezvous(f, m);
                    case STUN -> stun(f, m);
                    case TRACKER -> tracker(f, m);
                    case PINGBACK -> pingback(f, m);
                    default -> {
                    }
                }
            });
        }
        if (NodeCollector.running(statuses, TrackerService.NAME)) {
            swarms(f, services.service(TrackerService.NAME, TrackerService.class));
        }
        if (NodeCollector.running(statuses, PingbackService.NAME)) {
            services.service(PingbackService.NAME, PingbackService.class).swarms().forEach(s -> live(f, s));
        }
    }

    private static void rendezvous(MetricFamilies f, Map<String, Number> m) {
        NodeCollector.gauge(f, m, "load", "webp2p_rtmfp_sessions", "Open RTMFP sessions");
        NodeCollector.gauge(f, m, "capacity", "webp2p_rtmfp_sessions_limit", "RTMFP sessions held before new peers are redirected");
        NodeCollector.gauge(f, m, "peers", "webp2p_rtmfp_peers", "Peers connected to the rendezvous");
        NodeCollector.counter(f, m, "handshakes", "webp2p_rtmfp_handshakes", "RTMFP handshakes answered");
        NodeCollector.counter(f, m, "connects.accepted", "webp2p_rtmfp_connects", "Peers' connects, by result", "result", "accepted");
        NodeCollector.counter(f, m, "connects.rejected", "webp2p_rtmfp_connects", "Peers' connects, by result", "result", "rejected");
        NodeCollector.counter(f, m, "redirects", "webp2p_rtmfp_redirects", "Peers redirected to another rendezvous node");
        NodeCollector.counter(f, m, "bytes.in", "webp2p_rtmfp_received_bytes", "UDP bytes received by the rendezvous");
        NodeCollector.counter(f, m, "bytes.out", "webp2p_rtmfp_sent_bytes", "UDP bytes sent by the rendezvous");
        NodeCollector.counter(f, m, "introductions.unknown-target", "webp2p_rtmfp_introductions_unknown_target",
                "Introductions asked for a peer not connected here");
        m.forEach((key, n) -> {
            String[] parts = key.split("\\.");
            if (parts.length == 3 && parts[0].equals("introductions")) {
                f.counter("webp2p_rtmfp_introductions", "Introductions made, by the NAT types of initiator and target", n,
                        "initiator_nat", parts[1], "target_nat", parts[2]);
            }
        });
        if (m.containsKey("handshakes")) {
            // The endpoint lists only reasons that happened; every reason from the start keeps rate() whole.
            for (DropReason reason : DropReason.values()) {
                String key = reason.name().toLowerCase(Locale.ROOT).replace('_', '-');
                f.counter("webp2p_rtmfp_dropped_datagrams", "Datagrams the RTMFP endpoint dropped, by reason",
                        m.getOrDefault("drops." + key, 0), "reason", key);
            }
        }
    }

    private static void stun(MetricFamilies f, Map<String, Number> m) {
        NodeCollector.counter(f, m, "requests", "webp2p_stun_requests", "STUN requests answered");
        NodeCollector.counter(f, m, "errors", "webp2p_stun_errors", "STUN datagrams that failed in the node or in sending");
        NodeCollector.gauge(f, m, "clients", "webp2p_stun_clients", "Distinct client addresses seen (capped)");
        m.forEach((key, n) -> {
            if (key.startsWith("responses.")) {
                f.counter("webp2p_stun_responses", "STUN responses, by kind", n, "kind", key.substring("responses.".length()));
            } else if (key.startsWith("drops.")) {
                f.counter("webp2p_stun_dropped_datagrams", "STUN datagrams dropped, by reason", n,
                        "reason", key.substring("drops.".length()));
            }
        });
    }

    private static void tracker(MetricFamilies f, Map<String, Number> m) {
        NodeCollector.gauge(f, m, "peers", "webp2p_tracker_peers", "Peers in the tracker's swarms, by transport",
                "transport", "http");
        NodeCollector.gauge(f, m, "ws.peers", "webp2p_tracker_peers", "Peers in the tracker's swarms, by transport",
                "transport", "websocket");
        NodeCollector.gauge(f, m, "swarms", "webp2p_tracker_swarms", "Swarms the tracker holds, by transport",
                "transport", "http");
        NodeCollector.gauge(f, m, "ws.swarms", "webp2p_tracker_swarms", "Swarms the tracker holds, by transport",
                "transport", "websocket");
        NodeCollector.gauge(f, m, "ws.sockets", "webp2p_tracker_websockets", "Open WebSocket connections of browser peers");
        NodeCollector.counter(f, m, "announces", "webp2p_tracker_announces", "Announces the SDK's tracker answered");
        NodeCollector.counter(f, m, "expired", "webp2p_tracker_expired_peers", "Peers dropped for not announcing again");
        m.forEach((key, n) -> {
            if (key.startsWith("refused.")) {
                f.counter("webp2p_tracker_refused_announces", "Announces refused, by reason", n,
                        "reason", key.substring("refused.".length()));
            }
        });
    }

    private static void pingback(MetricFamilies f, Map<String, Number> m) {
        NodeCollector.counter(f, m, "beaconsAccepted", "webp2p_pingback_beacons_accepted", "Beacons accepted");
        String refused = "webp2p_pingback_refused_batches";
        String why = "Beacon batches refused, by reason";
        NodeCollector.counter(f, m, "beaconsRejected", refused, why, "reason", "malformed");
        NodeCollector.counter(f, m, "refusedBusy", refused, why, "reason", "busy");
        NodeCollector.counter(f, m, "refusedInvalidTicket", refused, why, "reason", "invalid_ticket");
        NodeCollector.counter(f, m, "refusedTicketExpired", refused, why, "reason", "ticket_expired");
        NodeCollector.counter(f, m, "refusedWrongSession", refused, why, "reason", "wrong_session");
        NodeCollector.counter(f, m, "refusedImplausible", refused, why, "reason", "implausible");
        NodeCollector.gauge(f, m, "queued", "webp2p_pingback_beacons_queued", "Beacons waiting for the store");
        NodeCollector.counter(f, m, "written", "webp2p_pingback_beacons_written", "Beacons written to the store");
        NodeCollector.counter(f, m, "droppedByStore", "webp2p_pingback_beacons_dropped", "Beacons the store refused as bad data");
        NodeCollector.counter(f, m, "failedFlushes", "webp2p_pingback_store_failed_writes", "Store writes that failed (retried)");
        NodeCollector.counter(f, m, "httpBytes", "webp2p_pingback_reported_bytes", "Bytes clients reported downloading, by source",
                "source", "http");
        NodeCollector.counter(f, m, "p2pBytes", "webp2p_pingback_reported_bytes", "Bytes clients reported downloading, by source",
                "source", "p2p");
        Number writes = m.get("writes");
        Number millis = m.get("writeMillisTotal");
        if (writes != null && millis != null) {
            f.summary("webp2p_pingback_store_write_seconds", "Time the store took to write each batch of beacons",
                    writes.longValue(), millis.doubleValue() / 1000);
        }
        Number last = m.get("writeMillis");
        if (last != null) {
            f.gauge("webp2p_pingback_store_last_write_seconds", "Time the last batch took to write",
                    last.doubleValue() / 1000);
        }
    }

    private void swarms(MetricFamilies f, TrackerService tracker) {
        for (SwarmSummary s : tracker.swarms()) {
            f.gauge("webp2p_tracker_stream_peers", "Peers in a stream's swarms, by transport", s.peers(),
                    "stream", labels.of(s.swarm()), "transport", "http");
        }
        for (WebSwarm s : tracker.webSwarms()) {
            f.gauge("webp2p_tracker_stream_peers", "Peers in a stream's swarms, by transport", s.peers(),
                    "stream", s.stream() == null ? StreamLabels.OTHER : labels.of(s.stream()), "transport", "websocket");
        }
    }

    /** A swarm's live figures over pingback's window; ratios and percentiles only for labelled streams. */
    private void live(MetricFamilies f, SwarmFigures s) {
        String stream = labels.of(s.swarm());
        f.gauge("webp2p_live_sessions", "Sessions that reported in the live window", s.sessions(), "stream", stream);
        f.gauge("webp2p_live_peers", "Peers that reported in the live window", s.peers(), "stream", stream);
        f.gauge("webp2p_live_downloaded_bytes", "Bytes downloaded over the live window, by source", s.httpBytes(),
                "stream", stream, "source", "http");
        f.gauge("webp2p_live_downloaded_bytes", "Bytes downloaded over the live window, by source", s.p2pBytes(),
                "stream", stream, "source", "p2p");
        if (!labels.labelled(s.swarm())) {
            return;
        }
        f.gauge("webp2p_live_offload_ratio", "Share of bytes from peers over the live window", s.offloadRatio(), "stream", stream);
        f.gauge("webp2p_live_stall_ratio", "Time stalled over time played in the live window", s.stallRatio(), "stream", stream);
        quantiles(f, "webp2p_live_startup_seconds", "Startup time of sessions that started in the live window",
                stream, s.startupP50Ms(), s.startupP95Ms());
        quantiles(f, "webp2p_live_latency_seconds",
                "Latency to live the clients told in the live window: encoder's program date time to playhead",
                stream, s.latencyP50Ms(), s.latencyP95Ms());
    }

    /** A median and 95th percentile in milliseconds, each left out when there is none (-1). */
    private static void quantiles(MetricFamilies f, String name, String help, String stream, long p50Ms, long p95Ms) {
        if (p50Ms >= 0) {
            f.gauge(name, help, p50Ms / 1000.0, "stream", stream, "quantile", "0.5");
        }
        if (p95Ms >= 0) {
            f.gauge(name, help, p95Ms / 1000.0, "stream", stream, "quantile", "0.95");
        }
    }
}
