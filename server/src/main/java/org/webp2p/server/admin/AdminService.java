package org.webp2p.server.admin;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.webp2p.protocol.admin.AdminSnapshot;
import org.webp2p.protocol.admin.ControlAccepted;
import org.webp2p.protocol.admin.IssuedToken;
import org.webp2p.protocol.admin.ServiceAction;
import org.webp2p.protocol.admin.ServiceDescription;
import org.webp2p.protocol.admin.ServiceEvent;
import org.webp2p.protocol.admin.ServiceStatus;
import org.webp2p.protocol.admin.TokenRequest;
import org.webp2p.server.api.TokenIssuer;
import org.webp2p.server.config.AdminSettings;
import org.webp2p.server.config.ServiceName;
import org.webp2p.server.http.BearerToken;
import org.webp2p.server.http.HttpProblem;
import org.webp2p.server.http.HttpService;
import org.webp2p.server.http.Json;
import org.webp2p.server.http.Router;
import org.webp2p.server.metrics.PrometheusEndpoint;
import org.webp2p.server.pingback.HistoryReader;
import org.webp2p.server.pingback.LiveAggregator;
import org.webp2p.server.service.EventLog;
import org.webp2p.server.service.ServiceContext;
import org.webp2p.server.service.ServiceManager;

/**
 * The admin endpoint: the same service snapshots and controls the console uses, over HTTP, so a
 * console (or a script) can watch and steer a headless node, and {@code GET /metrics} for Prometheus.
 * Bound to loopback by default, and every route but {@code /health} asks for the {@link AdminToken} as a
 * bearer token ({@code /metrics} too, unless {@code admin.metrics-token-required} is false).
 */
public final class AdminService extends HttpService {
    public static final String NAME = ServiceName.ADMIN.id();
    private static final int MAX_EVENTS = 500;
    /** A history's points are rows summed in the database; more than a screen holds only costs. */
    private static final int MAX_HISTORY_POINTS = 5000;

    private final Supplier<ServiceManager> manager;
    private volatile ExecutorService control;

    public AdminService(Supplier<ServiceManager> manager) {
        super(ServiceName.ADMIN);
        this.manager = manager;
    }

    @Override
    protected void routes(Router router, ServiceContext context) throws IOException {
        router.guard(new BearerToken(AdminToken.load(context.config(), context.dataDir())));
        // Lifecycle operations block until ports are bound or freed, which must never happen on an
        // event loop; and admin may be asked to stop itself, so the answer cannot wait for them.
        control = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "webp2p-admin-control");
            t.setDaemon(true);
            return t;
        });
        Clock clock = context.clock();
        NodeStateReader state = new NodeStateReader(manager.get());
        router.get("/metrics", new PrometheusEndpoint(manager.get())::answer);
        if (!context.config().get(AdminSettings.METRICS_TOKEN_REQUIRED)) {
            router.open("/metrics");
        }
        router.get("/v1/services", req -> Json.response(HttpResponseStatus.OK,
                manager.get().statuses().stream().map(s -> ServiceDescription.of(s, clock.instant())).toList()));
        router.get("/v1/services/{name}", req -> Json.response(HttpResponseStatus.OK,
                ServiceDescription.of(statusOf(req.pathParam("name")), clock.instant())));
        router.post("/v1/services/{name}/{action}", req -> {
            String name = req.pathParam("name");
            String asked = req.pathParam("action");
            statusOf(name);
            ServiceAction action = ServiceAction.parse(asked).orElseThrow(() ->
                    HttpProblem.badRequest("unknown action " + asked + "; use start, stop or restart"));
            Runnable op = switch (action) {
                case START -> () -> manager.get().start(name);
                case STOP -> () -> manager.get().stop(name);
                case RESTART -> () -> manager.get().restart(name);
            };
            control.execute(op);
            return Json.response(HttpResponseStatus.ACCEPTED, new ControlAccepted(name, action));
        });
        TokenIssuer tokens = new TokenIssuer(context.config(), context.dataDir(), clock);
        router.post("/v1/tokens", req -> {
            TokenRequest wanted = Json.read(req.http().content(), TokenRequest.class);
            String token = tokens.issue(wanted.stream(), wanted.subject(), wanted.life());
            return Json.response(HttpResponseStatus.CREATED,
                    new IssuedToken(token, wanted.stream(), clock.instant().plus(wanted.life())));
        });
        router.get("/v1/events", req -> {
            int limit = parseLimit(req.query("limit"));
            List<ServiceEvent> events = EventLog.in(context.store()).recent(limit);
            return Json.response(HttpResponseStatus.OK, events);
        });
        HistoryReader history = HistoryReader.of(context.store().dataSource(), context.config(), clock);
        router.get("/v1/history", req -> {
            String swarm = req.query("swarm") == null ? LiveAggregator.ALL : req.query("swarm");
            Instant to = req.query("to") == null ? clock.instant() : parseInstant("to", req.query("to"));
            Instant from = parseInstant("from", req.query("from"));
            int points = req.query("points") == null ? HistoryReader.DEFAULT_POINTS
                    : (int) Math.min(MAX_HISTORY_POINTS, parseCount("points", req.query("points")));
            if (!from.isBefore(to)) {
                throw HttpProblem.badRequest("from must be before to");
            }
            return Json.response(HttpResponseStatus.OK, history.read(swarm, from, to, Math.max(1, points)));
        });
        router.get("/v1/snapshot", req -> {
            EventLog log = EventLog.in(context.store());
            String after = req.query("afterEvent");
            // Without a cursor the caller starts from now: it wants what happens next, not old news.
            if (after == null) {
                return Json.response(HttpResponseStatus.OK, new AdminSnapshot(state.read(), List.of(), log.lastId()));
            }
            long cursor = parseCursor(after);
            List<EventLog.Logged> fresh = log.after(cursor, MAX_EVENTS);
            long next = fresh.isEmpty() ? cursor : fresh.get(fresh.size() - 1).id();
            return Json.response(HttpResponseStatus.OK, new AdminSnapshot(state.read(),
                    fresh.stream().map(EventLog.Logged::event).toList(), next));
        });
    }

    @Override
    protected void release() {
        ExecutorService c = control;
        control = null;
        if (c != null) {
            c.shutdown();
        }
    }

    private ServiceStatus statusOf(String name) {
        if (!manager.get().names().contains(name)) {
            throw HttpProblem.notFound("no service named " + name);
        }
        return manager.get().status(name);
    }

    private static long parseCursor(String raw) {
        try {
            long n = Long.parseLong(raw);
            if (n < 0) {
                throw HttpProblem.badRequest("afterEvent must not be negative");
            }
            return n;
        } catch (NumberFormatException e) {
            throw HttpProblem.badRequest("afterEvent must be a number");
        }
    }

    private static Instant parseInstant(String name, String raw) {
        if (raw == null) {
            throw HttpProblem.badRequest(name + " is required, an ISO-8601 instant such as 2026-12-01T00:00:00Z");
        }
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw HttpProblem.badRequest(name + " must be an ISO-8601 instant such as 2026-12-01T00:00:00Z, got " + raw);
        }
    }

    private static long parseCount(String name, String raw) {
        try {
            long n = Long.parseLong(raw);
            if (n < 1) {
                throw HttpProblem.badRequest(name + " must be at least 1");
            }
            return n;
        } catch (NumberFormatException e) {
            throw HttpProblem.badRequest(name + " must be a number");
        }
    }

    private static int parseLimit(String raw) {
        if (raw == null) {
            return 100;
        }
        try {
            int n = Integer.parseInt(raw);
            if (n < 1 || n > MAX_EVENTS) {
                throw HttpProblem.badRequest("limit must be between 1 and " + MAX_EVENTS);
            }
            return n;
        } catch (NumberFormatException e) {
            throw HttpProblem.badRequest("limit must be a number");
        }
    }
}
