package org.webp2p.ui;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.webp2p.protocol.admin.NodeState;
import org.webp2p.protocol.admin.ServiceStatus;
import org.webp2p.protocol.admin.StreamStats;
import org.webp2p.server.pingback.PingbackService;

/**
 * Turns each reading of a node, local or remote, into a {@link NodeSnapshot}, sampling the rolling
 * timeline the same way for both. Used by the polling thread only: it keeps the timeline between calls.
 */
final class SnapshotAssembler {
    /** How far back the charts reach. */
    static final Duration TIMELINE_SPAN = Duration.ofMinutes(5);

    private final Timeline timeline;

    SnapshotAssembler(Duration pollInterval) {
        this.timeline = new Timeline((int) Math.max(2, TIMELINE_SPAN.toMillis() / pollInterval.toMillis()));
    }

    NodeSnapshot assemble(NodeSource.Reading reading) {
        NodeState s = reading.state();
        Map<String, Number> counters = s.services().stream().filter(x -> x.name().equals(PingbackService.NAME))
                .findFirst().map(ServiceStatus::metrics).orElse(Map.of());
        int peersOnline = LivePeer.of(s).size();
        long live = s.streams().stream().filter(x -> x.kind() == StreamStats.Kind.LIVE).count();
        List<TimelineSample> series = timeline.add(s.at(), total(counters, "httpBytes"), total(counters, "p2pBytes"),
                peersOnline, live, s.global(), s.lastHour());
        return new NodeSnapshot(s, reading.newEvents(), series);
    }

    private static long total(Map<String, Number> counters, String key) {
        Number n = counters.get(key);
        return n == null ? -1 : n.longValue();
    }
}
