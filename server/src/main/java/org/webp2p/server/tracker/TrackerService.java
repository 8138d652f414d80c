package org.webp2p.server.tracker;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.webp2p.protocol.admin.PeerRecord;
import org.webp2p.protocol.admin.SwarmSummary;
import org.webp2p.protocol.tracker.AnnounceAnswer;
import org.webp2p.protocol.tracker.AnnounceRequest;
import org.webp2p.server.config.Config;
import org.webp2p.server.config.ServiceName;
import org.webp2p.server.config.TrackerSettings;
import org.webp2p.server.http.HttpProblem;
import org.webp2p.server.http.HttpService;
import org.webp2p.server.http.Json;
import org.webp2p.server.http.Router;
import org.webp2p.server.service.ServiceContext;

/**
 * Peer discovery: {@code POST /v1/announce} joins, refreshes or leaves a swarm and returns a bounded
 * list of peers the asker can actually reach. The live view of swarms is for the console and admin
 * only, never served on this public port.
 */
public final class TrackerService extends HttpService {
    public static final String NAME = ServiceName.TRACKER.id();

    private volatile SwarmRegistry registry;
    private volatile long capacity;
    private volatile ScheduledFuture<?> sweeper;

    public TrackerService() {
        super(ServiceName.TRACKER);
    }

    @Override
    protected void routes(Router router, ServiceContext context) {
        Config c = context.config();
        SwarmRegistry r = new SwarmRegistry(context.clock(), c.get(TrackerSettings.ANNOUNCE_INTERVAL),
                new SwarmRegistry.Limits(c.get(TrackerSettings.MAX_SWARM_PEERS),
                        c.get(TrackerSettings.MAX_PEERS_PER_ADDRESS), c.get(TrackerSettings.LIST_SIZE)),
                new PeerSelector(c.get(TrackerSettings.LOOKAHEAD)));
        long period = c.get(TrackerSettings.ANNOUNCE_INTERVAL).toMillis();
        sweeper = context.netty().io().next().scheduleAtFixedRate(r::expireAll, period, period, TimeUnit.MILLISECONDS);
        registry = r;
        capacity = c.get(TrackerSettings.MAX_SWARM_PEERS);
        router.post("/v1/announce", req -> {
            AnnounceRequest announce = Json.read(req.http().content(), AnnounceRequest.class);
            try {
                SwarmRegistry.Answer answer = r.announce(announce, req.remote().getAddress());
                return Json.response(HttpResponseStatus.OK, new AnnounceAnswer(answer.interval().toSeconds(),
                        answer.peers().stream().map(TrackerService::offer).toList(), answer.swarmSize()));
            } catch (LimitExceededException e) {
                throw new HttpProblem(HttpResponseStatus.TOO_MANY_REQUESTS, "swarm_limit", e.getMessage());
            }
        });
    }

    private static AnnounceAnswer.Peer offer(PeerRecord p) {
        return new AnnounceAnswer.Peer(p.peerId(), p.natType(), p.addresses(), p.position(), p.have(), p.uploadKbps());
    }

    @Override
    protected void release() {
        ScheduledFuture<?> s = sweeper;
        if (s != null) {
            s.cancel(false);
        }
        // A stopped tracker knows no peers: its swarms are gone, not frozen.
        registry = null;
    }

    /** The live registry, or empty lists while stopped. */
    public List<SwarmSummary> swarms() {
        SwarmRegistry r = registry;
        return r == null ? List.of() : r.swarms();
    }

    public List<PeerRecord> peers(String swarm) {
        SwarmRegistry r = registry;
        return r == null ? List.of() : r.peers(swarm);
    }

    /** Live peers of a swarm, for the scheduler's "is P2P worth it here" decision. */
    public int swarmSize(String swarm) {
        return peers(swarm).size();
    }

    @Override
    protected Map<String, Number> serviceMetrics() {
        SwarmRegistry r = registry;
        if (r == null) {
            return Map.of();
        }
        List<SwarmSummary> s = r.swarms();
        Map<String, Number> m = new LinkedHashMap<>();
        m.put("swarms", s.size());
        int peers = s.stream().mapToInt(SwarmSummary::peers).sum();
        m.put("peers", peers);
        // The scheduler compares trackers by these two.
        m.put("load", peers);
        m.put("capacity", capacity);
        m.put("announces", r.announces());
        m.put("refused", r.refused());
        m.put("expired", r.expired());
        return m;
    }

}
