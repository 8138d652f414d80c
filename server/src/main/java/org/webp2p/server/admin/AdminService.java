package org.webp2p.server.admin;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.webp2p.server.api.TokenIssuer;
import org.webp2p.server.http.BearerToken;
import org.webp2p.server.http.HttpProblem;
import org.webp2p.server.http.HttpService;
import org.webp2p.server.http.Json;
import org.webp2p.server.http.Router;
import org.webp2p.server.service.EventLog;
import org.webp2p.server.service.ServiceContext;
import org.webp2p.server.service.ServiceEvent;
import org.webp2p.server.service.ServiceManager;
import org.webp2p.server.service.ServiceStatus;

/**
 * The admin endpoint: the same service snapshots and controls the console uses, over HTTP, so a
 * console (or a script) can watch and steer a headless node. Bound to loopback by default, and every
 * route but {@code /health} asks for the {@link AdminToken} as a bearer token.
 */
public final class AdminService extends HttpService {
    public static final String NAME = "admin";
    private static final long DEFAULT_TOKEN_HOURS = 24;
    private static final int MAX_EVENTS = 500;

    private final Supplier<ServiceManager> manager;
    private volatile ExecutorService control;

    public AdminService(Supplier<ServiceManager> manager) {
        super(NAME);
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
        router.get("/v1/services", req -> Json.response(HttpResponseStatus.OK,
                manager.get().statuses().stream().map(s -> describe(s, clock.instant())).toList()));
        router.get("/v1/services/{name}", req -> Json.response(HttpResponseStatus.OK,
                describe(statusOf(req.pathParam("name")), clock.instant())));
        router.post("/v1/services/{name}/{action}", req -> {
            String name = req.pathParam("name");
            String action = req.pathParam("action");
            statusOf(name);
            Runnable op = switch (action) {
                case "start" -> () -> manager.get().start(name);
                case "stop" -> () -> manager.get().stop(name);
                case "restart" -> () -> manager.get().restart(name);
                default -> throw HttpProblem.badRequest("unknown action " + action + "; use start, stop or restart");
            };
            control.execute(op);
            return Json.response(HttpResponseStatus.ACCEPTED, Map.of("service", name, "action", action));
        });
        TokenIssuer tokens = new TokenIssuer(context.config(), context.dataDir(), clock);
        router.post("/v1/tokens", req -> {
            TokenRequest wanted = Json.read(req.http().content(), TokenRequest.class);
            Duration life = Duration.ofHours(wanted.hours() == null ? DEFAULT_TOKEN_HOURS : wanted.hours());
            String token = tokens.issue(wanted.stream(), wanted.subject(), life);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("token", token);
            body.put("stream", wanted.stream());
            body.put("expires", clock.instant().plus(life).toString());
            return Json.response(HttpResponseStatus.CREATED, body);
        });
        router.get("/v1/events", req -> {
            int limit = parseLimit(req.query("limit"));
            List<ServiceEvent> events = EventLog.in(context.store()).recent(limit);
            return Json.response(HttpResponseStatus.OK, events);
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

    /** What {@code POST /v1/tokens} asks for: a stream ({@code *} for any), who for, and hours of life. */
    record TokenRequest(String stream, String subject, Long hours) {
        TokenRequest {
            if (stream == null || !(stream.equals("*") || stream.matches("[A-Za-z0-9._-]{1,64}"))) {
                throw new IllegalArgumentException("stream must be a stream name or *");
            }
            if (hours != null && (hours < 1 || hours > TokenIssuer.MAX_LIFE.toHours())) {
                throw new IllegalArgumentException("hours must be 1.." + TokenIssuer.MAX_LIFE.toHours());
            }
            subject = subject == null ? "admin" : subject;
        }
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

    static Map<String, Object> describe(ServiceStatus s, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("enabled", s.enabled());
        m.put("state", s.state().name());
        m.put("since", s.since().toString());
        m.put("uptimeSeconds", s.uptime(now).toSeconds());
        m.put("addresses", s.addresses().stream().map(a -> a.getAddress().getHostAddress() + ":" + a.getPort()).toList());
        m.put("lastError", s.lastError());
        m.put("metrics", s.metrics());
        return m;
    }
}
