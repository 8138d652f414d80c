package org.webp2p.server.pingback;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.webp2p.protocol.admin.MinuteStat;
import org.webp2p.protocol.admin.PeerLink;
import org.webp2p.protocol.admin.SwarmFigures;
import org.webp2p.protocol.pingback.Beacon;
import org.webp2p.protocol.pingback.BeaconBatch;
import org.webp2p.protocol.pingback.BeaconsAccepted;
import org.webp2p.server.auth.SessionTickets;
import org.webp2p.server.config.Config;
import org.webp2p.server.config.OriginSettings;
import org.webp2p.server.config.PingbackSettings;
import org.webp2p.server.config.ServiceName;
import org.webp2p.server.http.HttpProblem;
import org.webp2p.server.http.HttpService;
import org.webp2p.server.http.Json;
import org.webp2p.server.http.Router;
import org.webp2p.server.service.ServiceContext;

/**
 * Clients' realtime statistics: {@code POST /v1/beacons} feeds the live aggregator at once and the
 * store in batches off the request path. The console and the scheduler read the live figures; the
 * stored per-minute history survives restarts. A beacon counts only with a valid ticket of its
 * session (so only the API's clients report) and byte counts the session could have moved since it
 * was last heard.
 */
public final class PingbackService extends HttpService {
    public static final String NAME = ServiceName.PINGBACK.id();

    private final LongAdder accepted = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder refusedBusy = new LongAdder();
    private final LongAdder refusedImplausible = new LongAdder();
    private final Map<SessionTickets.Refusal, LongAdder> refusedTickets = new EnumMap<>(SessionTickets.Refusal.class);
    // Running totals, so a reader sampling them twice gets a byte rate; the window sums cannot give one.
    private final AtomicLong httpBytes = new AtomicLong();
    private final AtomicLong p2pBytes = new AtomicLong();
    private volatile LiveAggregator aggregator;
    private volatile BeaconStore store;
    private volatile BeaconWriter writer;
    private volatile ScheduledFuture<?> pruning;

    public PingbackService() {
        super(ServiceName.PINGBACK);
        for (SessionTickets.Refusal r : SessionTickets.Refusal.values()) {
            refusedTickets.put(r, new LongAdder());
        }
    }

    /** The player page and embeds call it from the origin's or the operator's own web origin. */
    @Override
    protected Optional<String> corsOrigins(Config config) {
        return Optional.of(config.get(OriginSettings.CORS_ORIGINS));
    }

    @Override
    protected long maxBody(Config config) {
        return config.get(PingbackSettings.MAX_BODY);
    }

    @Override
    protected void routes(Router router, ServiceContext context) throws IOException {
        Config c = context.config();
        int maxBatch = c.get(PingbackSettings.MAX_BATCH);
        SessionTickets tickets = SessionTickets.load(c, context.dataDir());
        long maxRate = c.get(PingbackSettings.MAX_RATE);
        if (maxRate < 1) {
            throw new IOException(PingbackSettings.MAX_RATE.name() + " must be at least 1 byte a second");
        }
        Plausibility plausibility = new Plausibility(maxRate);
        Duration bucket = c.get(PingbackSettings.BUCKET);
        LiveAggregator live = new LiveAggregator(context.clock(), c.get(PingbackSettings.WINDOW), bucket,
                c.get(PingbackSettings.MAX_SWARM_SESSIONS), c.get(PingbackSettings.MAX_SWARM_LINKS));
        // Readers see only the window; the timer is what keeps a node nobody reads from growing.
        pruning = context.netty().io().next().scheduleAtFixedRate(live::prune, bucket.toMillis(), bucket.toMillis(),
                TimeUnit.MILLISECONDS);
        BeaconStore beacons = new BeaconStore(context.store().dataSource());
        writer = new BeaconWriter(beacons, context.clock(), c.get(PingbackSettings.FLUSH_INTERVAL),
                c.get(PingbackSettings.QUEUE_LIMIT), c.get(PingbackSettings.RETENTION),
                c.get(PingbackSettings.ROLLUP_RETENTION), c.get(PingbackSettings.HOUR_ROLLUP_RETENTION));
        store = beacons;
        aggregator = live;
        BeaconWriter w = writer;
        router.post("/v1/beacons", req -> {
            BeaconBatch batch;
            try {
                batch = Json.read(req.http().content(), BeaconBatch.class);
                if (batch.beacons().size() > maxBatch) {
                    throw new HttpProblem(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "too_large",
                            "a batch holds at most " + maxBatch + " beacons, got " + batch.beacons().size());
                }
            } catch (HttpProblem p) {
                rejected.increment();
                throw p;
            }
            Instant now = context.clock().instant();
            List<LiveAggregator.Ticketed> ticketed = ticketed(batch, tickets, now);
            LiveAggregator.Admission a = live.admit(ticketed, plausibility, () -> w.offer(batch.beacons(), now));
            switch (a.verdict()) {
                case IMPLAUSIBLE -> {
                    refusedImplausible.increment();
                    throw new HttpProblem(HttpResponseStatus.UNPROCESSABLE_ENTITY, "implausible", a.reason());
                }
                case NOT_STORED -> {
                    refusedBusy.increment();
                    throw new HttpProblem(HttpResponseStatus.SERVICE_UNAVAILABLE, "busy",
                            "pingback is catching up with its store; retry shortly");
                }
                default -> {
                    batch.beacons().forEach(b -> {
                        httpBytes.accumulateAndGet(b.httpBytes(), Saturating::add);
                        p2pBytes.accumulateAndGet(b.p2pBytes(), Saturating::add);
                    });
                    accepted.add(batch.beacons().size());
                    return Json.response(HttpResponseStatus.ACCEPTED, new BeaconsAccepted(batch.beacons().size()));
                }
            }
        });
    }

    /** The batch's beacons with when each session began, if every one carries a valid ticket of its own session. */
    private List<LiveAggregator.Ticketed> ticketed(BeaconBatch batch, SessionTickets tickets, Instant now) {
        List<LiveAggregator.Ticketed> out = new ArrayList<>(batch.beacons().size());
        for (Beacon b : batch.beacons()) {
            SessionTickets.Result r = tickets.verify(b.ticket(), now, b.sessionId(), b.peerId(), b.swarm());
            if (r instanceof SessionTickets.Refused no) {
                refusedTickets.get(no.refusal()).increment();
                throw new HttpProblem(no.refusal() == SessionTickets.Refusal.WRONG_SESSION ? HttpResponseStatus.FORBIDDEN
                        : HttpResponseStatus.UNAUTHORIZED, no.refusal().code(),
                        "beacon of session " + b.sessionId() + ": " + no.reason());
            }
            out.add(new LiveAggregator.Ticketed(b, ((SessionTickets.Valid) r).ticket().since()));
        }
        return out;
    }

    @Override
    protected void release() {
        ScheduledFuture<?> p = pruning;
        pruning = null;
        if (p != null) {
            p.cancel(false);
        }
        BeaconWriter w = writer;
        writer = null;
        aggregator = null;
        store = null;
        if (w != null) {
            w.close();
        }
    }

    /** Live figures of a swarm, or of all with {@link LiveAggregator#ALL}; empty while stopped. */
    public Optional<SwarmFigures> figures(String swarm) {
        LiveAggregator a = aggregator;
        return a == null ? Optional.empty() : Optional.of(a.figures(swarm));
    }

    public List<SwarmFigures> swarms() {
        LiveAggregator a = aggregator;
        return a == null ? List.of() : a.swarms();
    }

    /** Live figures of each rendition a beacon named, as {@code SWARM/RENDITION}; empty while stopped. */
    public List<SwarmFigures> renditions() {
        LiveAggregator a = aggregator;
        return a == null ? List.of() : a.renditions();
    }

    /** Live byte totals between peers of a swarm over the window, heaviest first; empty while stopped. */
    public List<PeerLink> links(String swarm) {
        LiveAggregator a = aggregator;
        return a == null ? List.of() : a.links(swarm);
    }

    /** Sessions with a beacon in the live window, most recently heard first; empty while stopped. */
    public List<LiveAggregator.SessionHealth> sessions() {
        LiveAggregator a = aggregator;
        return a == null ? List.of() : a.sessions();
    }

    public Optional<LiveAggregator.SessionHealth> session(String sessionId) {
        LiveAggregator a = aggregator;
        return a == null ? Optional.empty() : a.session(sessionId);
    }

    /** Stored per-minute history (also from before a restart), oldest first. */
    public List<MinuteStat> history(String swarm, Instant from, Instant to) throws SQLException {
        BeaconStore s = store;
        if (s == null) {
            throw new SQLException("pingback is not running");
        }
        return s.history(swarm, from, to);
    }

    /** Writes what is queued now, for a clean stop or a test that reads the store. */
    public void flush() {
        BeaconWriter w = writer;
        if (w != null) {
            w.flush();
        }
    }

    @Override
    protected Map<String, Number> serviceMetrics() {
        Map<String, Number> m = new LinkedHashMap<>();
        m.put("beaconsAccepted", accepted.sum());
        m.put("beaconsRejected", rejected.sum());
        m.put("refusedBusy", refusedBusy.sum());
        m.put("refusedInvalidTicket", refusedTickets.get(SessionTickets.Refusal.INVALID).sum());
        m.put("refusedTicketExpired", refusedTickets.get(SessionTickets.Refusal.EXPIRED).sum());
        m.put("refusedWrongSession", refusedTickets.get(SessionTickets.Refusal.WRONG_SESSION).sum());
        m.put("refusedImplausible", refusedImplausible.sum());
        m.put("httpBytes", httpBytes.get());
        m.put("p2pBytes", p2pBytes.get());
        BeaconWriter w = writer;
        if (w != null) {
            m.put("queued", w.queued());
            m.put("written", w.written());
            m.put("failedFlushes", w.failedFlushes());
            m.put("writeMillis", w.lastWriteMillis());
            m.put("writes", w.writes());
            m.put("writeMillisTotal", w.writeMillisTotal());
            m.put("droppedByStore", w.dropped());
        }
        LiveAggregator a = aggregator;
        if (a != null) {
            m.put("liveSessions", a.heldSessions());
            m.put("liveLinks", a.heldLinks());
            m.put("droppedSessions", a.droppedSessions());
            m.put("droppedLinks", a.droppedLinks());
        }
        return m;
    }
}
