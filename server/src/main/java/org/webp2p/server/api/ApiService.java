package org.webp2p.server.api;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webp2p.protocol.ClientKind;
import org.webp2p.protocol.api.LoadReport;
import org.webp2p.protocol.api.NodeLoad;
import org.webp2p.protocol.api.SessionPlan;
import org.webp2p.protocol.api.SessionRequest;
import org.webp2p.server.auth.SessionTicket;
import org.webp2p.server.auth.SessionTickets;
import org.webp2p.server.auth.TokenSecret;
import org.webp2p.server.config.ApiSettings;
import org.webp2p.server.config.Config;
import org.webp2p.server.config.OriginSettings;
import org.webp2p.server.config.PingbackSettings;
import org.webp2p.server.config.ServiceName;
import org.webp2p.server.http.HttpProblem;
import org.webp2p.server.http.HttpRequestHandler;
import org.webp2p.server.http.HttpService;
import org.webp2p.server.http.Json;
import org.webp2p.server.http.Router;
import org.webp2p.server.net.ServerTls;
import org.webp2p.server.origin.OriginService;
import org.webp2p.server.pingback.LiveAggregator.SessionHealth;
import org.webp2p.server.pingback.PingbackService;
import org.webp2p.server.service.Service;
import org.webp2p.server.service.ServiceContext;
import org.webp2p.server.service.ServiceManager;
import org.webp2p.server.tracker.TrackerService;

/**
 * The control plane clients start from: {@code POST /v1/sessions} checks the client's token and
 * stream and hands out a session with every endpoint and the P2P settings the scheduler chose;
 * {@code GET /v1/sessions/{id}} gives the client its plan again, decided anew from live load and its
 * own recent beacons.
 */
public final class ApiService extends HttpService {
    public static final String NAME = ServiceName.API.id();
    private static final Logger log = LoggerFactory.getLogger(ApiService.class);
    private static final int DECISIONS_KEPT = 200;
    private static final Duration MIN_TICKET_TTL = Duration.ofMinutes(1);

    private final Supplier<ServiceManager> manager;
    private final LongAdder refusedTokens = new LongAdder();
    private final LongAdder refusedSubjectLimit = new LongAdder();
    private final LongAdder refusedBusy = new LongAdder();
    private final Deque<LoggedDecision> decisions = new ArrayDeque<>();
    private volatile SessionRegistry sessions;
    private volatile Clock clock = Clock.systemUTC();
    private volatile ClusterLoads cluster;
    private volatile ScheduledFuture<?> polling;

    /** A scheduling decision as the console lists it. */
    public record LoggedDecision(Instant at, String sessionId, String stream, Decision decision) {
    }

    public ApiService(Supplier<ServiceManager> manager) {
        super(ServiceName.API);
        this.manager = manager;
    }

    /** The player page and embeds call it from the origin's or the operator's own web origin. */
    @Override
    protected Optional<String> corsOrigins(Config config) {
        return Optional.of(config.get(OriginSettings.CORS_ORIGINS));
    }

    @Override
    protected void routes(Router router, ServiceContext context) throws IOException {
        Config c = context.config();
        byte[] secret = TokenSecret.load(c, context.dataDir());
        TokenCodec tokens = new TokenCodec(secret);
        SessionTickets tickets = new SessionTickets(secret);
        Duration ticketTtl = c.get(ApiSettings.TICKET_TTL);
        if (ticketTtl.compareTo(MIN_TICKET_TTL) < 0) {
            throw new IOException(ApiSettings.TICKET_TTL.name() + " must be at least " + MIN_TICKET_TTL.toSeconds()
                    + "s: clients renew their ticket only every pingback interval");
        }
        OpenStreams open = OpenStreams.from(c);
        Scheduler scheduler = new Scheduler(P2pPolicy.from(c));
        SessionRegistry registry = new SessionRegistry(context.clock(), c.get(ApiSettings.SESSION_TTL),
                c.get(ApiSettings.MAX_SESSIONS), c.get(ApiSettings.MAX_SESSIONS_PER_SUBJECT));
        sessions = registry;
        clock = context.clock();
        ClusterLoads others = new ClusterLoads(parseCluster(c), c.get(ApiSettings.CLUSTER_POLL), context.clock());
        cluster = others;
        if (!others.isEmpty()) {
            long every = c.get(ApiSettings.CLUSTER_POLL).toMillis();
            polling = context.netty().io().next().scheduleAtFixedRate(others::poll, 0, every, TimeUnit.MILLISECONDS);
        }

        router.post("/v1/sessions", req -> {
            SessionRequest body = Json.read(req.http().content(), SessionRequest.class);
            // The token is checked against the name asked for before any stream is looked up, so a
            // caller without a valid token learns nothing about which streams exist.
            SessionOwner owner = SessionOwner.anonymous(req.remote().getAddress());
            String subject = "";
            Instant notAfter = Instant.MAX;
            if (!open.contains(body.stream()) || (body.token() != null && !body.token().isBlank())) {
                try {
                    AccessToken grant = tokens.verify(body.token(), body.stream(), context.clock().instant());
                    subject = grant.subject();
                    owner = SessionOwner.of(grant, body.token());
                    notAfter = grant.expiresAt();
                } catch (TokenException e) {
                    refusedTokens.increment();
                    throw refusal(e);
                }
            }
            StreamEntry stream = findStream(body.stream());
            SessionRegistry.Session session;
            try {
                session = registry.open(stream.name(), subject, owner, ClientKind.orSdk(body.client()), body.peerId(),
                        notAfter);
            } catch (SessionRegistry.LimitReachedException e) {
                throw refusal(e);
            }
            return Json.response(HttpResponseStatus.CREATED,
                    plan(session, stream, req, scheduler, c, false, ticket(tickets, session, ticketTtl)));
        });
        router.get("/v1/sessions/{id}", req -> {
            SessionRegistry.Session session;
            try {
                session = registry.touch(req.pathParam("id")).orElseThrow(() ->
                        HttpProblem.notFound("no session " + req.pathParam("id") + "; it expired or never existed"));
            } catch (TokenException e) {
                refusedTokens.increment();
                throw refusal(e);
            }
            return Json.response(HttpResponseStatus.OK, plan(session, findStream(session.stream()), req, scheduler, c,
                    true, ticket(tickets, session, ticketTtl)));
        });
        // Only this node's own load: other nodes poll it, so reports never echo around the cluster.
        router.get("/v1/load", req -> {
            String host = advertisedHost(req, c);
            return Json.response(HttpResponseStatus.OK, new LoadReport(localRendezvous(host).stream().toList(),
                    localTracker(host).stream().toList()));
        });
    }

    /**
     * A fresh ticket for the session, good for {@code ttl} from now but never past its token: each plan
     * carries one.
     */
    private String ticket(SessionTickets tickets, SessionRegistry.Session session, Duration ttl) {
        Instant expires = clock.instant().plus(ttl);
        return tickets.issue(new SessionTicket(session.id(), session.peerId(), session.stream(), session.subject(),
                session.created(), expires.isBefore(session.notAfter()) ? expires : session.notAfter()));
    }

    private SessionPlan plan(SessionRegistry.Session session, StreamEntry stream, HttpRequestHandler.Request req,
                             Scheduler scheduler, Config c, boolean renewal, String ticket) {
        String host = advertisedHost(req, c);
        Optional<SessionHealth> health = pingback().flatMap(p -> p.session(session.id()));
        int swarmSize = tracker().map(t -> t.peersOfStream(stream.name()).size()).orElse(0);
        // A renewing client has announced itself by now (the plan tells it to), so it is one of them.
        int swarmPeers = renewal ? Math.max(0, swarmSize - 1) : swarmSize;
        Decision d = scheduler.decide(rendezvousLoads(host), trackerLoads(host), swarmPeers, health, session.client());
        record(session, d);

        InetSocketAddress origin = running(OriginService.NAME).orElseThrow(() -> new HttpProblem(
                HttpResponseStatus.SERVICE_UNAVAILABLE, "origin_down", "the origin is not running"));
        boolean secureTracker = scheme(req, c, ServiceName.TRACKER).equals("https");
        String trackerUrl = d.tracker() == null ? null : withScheme(d.tracker().address(), secureTracker);
        return new SessionPlan(session.id(), ticket, stream.name(), stream.name(),
                List.of(url(scheme(req, c, ServiceName.ORIGIN), host, origin, stream.entryPath())),
                trackerUrl,
                trackerUrl == null ? null : webTrackerUrl(trackerUrl, secureTracker),
                d.rendezvous() == null ? List.of() : List.of(d.rendezvous().address()),
                running(ServiceName.STUN.id()).map(a -> List.of(hostPort(host, a))).orElse(List.of()),
                running(PingbackService.NAME)
                        .map(a -> url(scheme(req, c, ServiceName.PINGBACK), host, a, "/v1/beacons")).orElse(null),
                c.get(PingbackSettings.INTERVAL).toMillis(),
                new SessionPlan.P2p(d.p2pEnabled(), d.maxPeers(), d.prefetchSegments(), d.uploadLimitKbps(),
                        c.get(ApiSettings.P2P_SEGMENTS_BEHIND_LIVE), d.reasons()));
    }

    private void record(SessionRegistry.Session session, Decision d) {
        LoggedDecision entry = new LoggedDecision(clock.instant(), session.id(), session.stream(), d);
        synchronized (decisions) {
            LoggedDecision last = decisions.stream().filter(x -> x.sessionId().equals(session.id()))
                    .reduce((a, b) -> b).orElse(null);
            if (last != null && last.decision().sameOutcome(d)) {
                return; // only changes are worth the operator's attention, not every renewal
            }
            decisions.addLast(entry);
            while (decisions.size() > DECISIONS_KEPT) {
                decisions.removeFirst();
            }
        }
        log.info("scheduled session {} on {}: p2p={} prefetch={} ({})", session.id(), session.stream(),
                d.p2pEnabled(), d.prefetchSegments(), String.join("; ", d.reasons()));
    }

    /** Recent scheduling decisions, oldest first. */
    public List<LoggedDecision> decisions() {
        synchronized (decisions) {
            return List.copyOf(decisions);
        }
    }

    /**
     * A stream as a session plays it: its name, which is also its swarm (and, with a rendition's name
     * after a slash, each rendition's), and where a player opens it.
     */
    private record StreamEntry(String name, String entryPath) {
    }

    private StreamEntry findStream(String name) {
        OriginService origin = serviceIfRunning(OriginService.NAME, OriginService.class).orElseThrow(() ->
                new HttpProblem(HttpResponseStatus.SERVICE_UNAVAILABLE, "origin_down", "the origin is not running"));
        return origin.entryPath(name).map(path -> new StreamEntry(name, path))
                .orElseThrow(() -> HttpProblem.notFound("no stream named " + name));
    }

    private List<NodeLoad> rendezvousLoads(String host) {
        return withCluster(localRendezvous(host), ClusterLoads::rendezvous);
    }

    private List<NodeLoad> trackerLoads(String host) {
        return withCluster(localTracker(host), ClusterLoads::trackers);
    }

    private Optional<NodeLoad> localRendezvous(String host) {
        String rendezvous = ServiceName.RENDEZVOUS.id();
        return running(rendezvous).map(a -> load(rendezvous, "rtmfp://" + hostPort(host, a) + "/webp2p"));
    }

    private Optional<NodeLoad> localTracker(String host) {
        return running(TrackerService.NAME).map(a -> load(TrackerService.NAME, url("http", host, a, "/v1/announce")));
    }

    /** This node's own entry, if running, then what the other nodes last reported. */
    private List<NodeLoad> withCluster(Optional<NodeLoad> local, Function<ClusterLoads, List<NodeLoad>> remote) {
        List<NodeLoad> all = new ArrayList<>();
        local.ifPresent(all::add);
        ClusterLoads c = cluster;
        if (c != null) {
            all.addAll(remote.apply(c));
        }
        return all;
    }

    private static List<URI> parseCluster(Config c) throws IOException {
        try {
            return ClusterLoads.parse(c.get(ApiSettings.CLUSTER));
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    protected void release() {
        ScheduledFuture<?> p = polling;
        polling = null;
        if (p != null) {
            p.cancel(false);
        }
    }

    /** A local service's load from the "load" and "capacity" figures it reports. */
    private NodeLoad load(String service, String address) {
        Map<String, Number> m = manager.get().status(service).metrics();
        long used = m.getOrDefault("load", 0).longValue();
        long capacity = m.getOrDefault("capacity", Long.MAX_VALUE).longValue();
        return new NodeLoad(address, used, capacity);
    }

    private Optional<InetSocketAddress> running(String service) {
        return manager.get().runningAddress(service);
    }

    private <T extends Service> Optional<T> serviceIfRunning(String name, Class<T> type) {
        return running(name).map(a -> manager.get().service(name, type));
    }

    private Optional<TrackerService> tracker() {
        return serviceIfRunning(TrackerService.NAME, TrackerService.class);
    }

    private Optional<PingbackService> pingback() {
        return serviceIfRunning(PingbackService.NAME, PingbackService.class);
    }

    /** The host clients should use: configured, or the one they reached this API by. */
    private static String advertisedHost(HttpRequestHandler.Request req, Config c) {
        String configured = c.get(ApiSettings.PUBLIC_HOST);
        if (!configured.isBlank()) {
            return configured;
        }
        String header = req.http().headers().get(HttpHeaderNames.HOST);
        if (header != null && !header.isBlank()) {
            String h = header.trim();
            if (h.startsWith("[")) {
                return h.substring(0, h.indexOf(']') + 1);
            }
            int colon = h.indexOf(':');
            return colon < 0 ? h : h.substring(0, colon);
        }
        return "127.0.0.1";
    }

    private static String hostPort(String host, InetSocketAddress bound) {
        return host + ":" + bound.getPort();
    }

    private static String url(String scheme, String host, InetSocketAddress bound, String path) {
        return scheme + "://" + hostPort(host, bound) + path;
    }

    /** https for a service with a certificate when the client itself came over TLS (a page on https must stay there). */
    private static String scheme(HttpRequestHandler.Request req, Config c, ServiceName service) {
        return req.secure() && ServerTls.configured(c, service) ? "https" : "http";
    }

    /** A tracker's announce URL (as loads report it, http) over https when the client came that way. */
    private static String withScheme(String trackerUrl, boolean secure) {
        return secure && trackerUrl.startsWith("http://") ? "https://" + trackerUrl.substring("http://".length())
                : trackerUrl;
    }

    /** Where browsers reach a tracker's WebTorrent side: the host and port of its HTTP announce URL. */
    static String webTrackerUrl(String announceUrl, boolean secure) {
        return (secure ? "wss://" : "ws://") + URI.create(announceUrl).getRawAuthority() + TrackerService.WS_PATH;
    }

    private static HttpProblem refusal(TokenException e) {
        return switch (e.reason()) {
            case WRONG_STREAM -> new HttpProblem(HttpResponseStatus.FORBIDDEN, "wrong_stream", e.getMessage());
            case EXPIRED -> new HttpProblem(HttpResponseStatus.UNAUTHORIZED, "token_expired", e.getMessage());
            default -> new HttpProblem(HttpResponseStatus.UNAUTHORIZED, "invalid_token", e.getMessage());
        };
    }

    private HttpProblem refusal(SessionRegistry.LimitReachedException e) {
        return switch (e.limit()) {
            case OWNER -> {
                refusedSubjectLimit.increment();
                yield new HttpProblem(HttpResponseStatus.TOO_MANY_REQUESTS, "subject_limit", e.getMessage());
            }
            case TOTAL -> {
                refusedBusy.increment();
                yield new HttpProblem(HttpResponseStatus.SERVICE_UNAVAILABLE, "busy", e.getMessage());
            }
        };
    }

    @Override
    protected Map<String, Number> serviceMetrics() {
        SessionRegistry r = sessions;
        Map<String, Number> m = new LinkedHashMap<>();
        m.put("sessions", r == null ? 0 : r.size());
        m.put("refusedTokens", refusedTokens.sum());
        m.put("refusedSubjectLimit", refusedSubjectLimit.sum());
        m.put("refusedBusy", refusedBusy.sum());
        return m;
    }
}
