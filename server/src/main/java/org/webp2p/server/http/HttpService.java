package org.webp2p.server.http;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.cors.CorsConfig;
import io.netty.handler.codec.http.cors.CorsHandler;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.webp2p.protocol.Health;
import org.webp2p.server.config.Config;
import org.webp2p.server.config.HttpSettings;
import org.webp2p.server.config.ServiceName;
import org.webp2p.server.net.ServerTls;
import org.webp2p.server.net.TcpServer;
import org.webp2p.server.service.Service;
import org.webp2p.server.service.ServiceContext;

/**
 * A JSON-over-HTTP service: binds {@code <name>.bind}:{@code <name>.port}, routes requests, answers
 * {@code GET /health}, and reports request and error counts. Subclasses only declare routes.
 */
public abstract class HttpService implements Service {
    private final ServiceName service;
    private final String name;
    private volatile TcpServer server;
    private volatile RoutingHandler routing;
    private volatile HttpConnections connections;
    private volatile ServerTls tls;

    protected HttpService(ServiceName service) {
        this.service = service;
        this.name = service.id();
    }

    @Override
    public final String name() {
        return name;
    }

    /** Declares this service's routes; called at every start with that start's context. */
    protected abstract void routes(Router router, ServiceContext context) throws Exception;

    /** Service-specific figures added to the request counters. */
    protected Map<String, Number> serviceMetrics() {
        return Map.of();
    }

    /** Largest request body this service accepts; larger ones are answered 413. */
    protected long maxBody(Config config) {
        return config.get(HttpSettings.MAX_BODY);
    }

    /**
     * The web origins whose pages may call this service ({@code *} or a comma-separated list), or
     * empty for a service only programs call: browsers then refuse cross-origin calls.
     */
    protected Optional<String> corsOrigins(Config config) {
        return Optional.empty();
    }

    /**
     * Adds handlers between the HTTP aggregator and the routes, such as a protocol upgrade; called for
     * every connection. None by default.
     */
    protected void beforeRoutes(ChannelPipeline pipeline) {
    }

    /** Releases what {@link #routes} acquired; called at stop after the port is closed. */
    protected void release() throws Exception {
    }

    @Override
    public void start(ServiceContext context) throws Exception {
        Router router = new Router();
        router.get("/health", req -> Json.response(HttpResponseStatus.OK, Health.ok(name)));
        router.open("/health");
        routes(router, context);
        RoutingHandler handler = new RoutingHandler(name, router);
        int maxBody = (int) Math.min(Integer.MAX_VALUE, maxBody(context.config()));
        Optional<CorsConfig> cors = corsOrigins(context.config()).map(origins -> CorsPolicy
                .builder(origins, HttpMethod.GET, HttpMethod.POST)
                .allowedRequestHeaders(HttpHeaderNames.CONTENT_TYPE)
                .build());
        HttpConnections http = HttpConnections.of(context.config());
        ServerTls secure = ServerTls.open(context, service).orElse(null);
        tls = secure;
        server = TcpServer.bind(context, service, ch -> {
            if (secure != null) {
                secure.install(ch);
            }
            pipeline(ch.pipeline(), http, maxBody, cors, handler, this::beforeRoutes);
        });
        connections = http;
        routing = handler;
    }

    /**
     * One connection's handlers: the reading every HTTP service shares ({@link HttpConnections}), CORS,
     * the body aggregator, then {@code beforeRoutes}, a service's own handlers such as a protocol
     * upgrade, in front of the routes.
     */
    static void pipeline(ChannelPipeline p, HttpConnections http, int maxBody, Optional<CorsConfig> cors,
                         RoutingHandler handler, Consumer<ChannelPipeline> beforeRoutes) {
        http.install(p);
        // Answers preflights itself and marks every answer, refusals included, for the page to read.
        cors.ifPresent(c -> p.addLast(new CorsHandler(c)));
        p.addLast(new JsonObjectAggregator(maxBody, handler.clientErrors));
        beforeRoutes.accept(p);
        p.addLast(handler);
    }

    @Override
    public void stop() throws Exception {
        TcpServer s = server;
        server = null;
        if (s != null) {
            s.close();
        }
        ServerTls t = tls;
        tls = null;
        if (t != null) {
            t.close();
        }
        release();
    }

    @Override
    public List<InetSocketAddress> boundAddresses() {
        TcpServer s = server;
        return s == null ? List.of() : List.of(s.localAddress());
    }

    @Override
    public Map<String, Number> metrics() {
        Map<String, Number> m = new LinkedHashMap<>();
        RoutingHandler h = routing;
        TcpServer s = server;
        if (h != null) {
            m.put("requests", h.requests.sum());
            m.put("clientErrors", h.clientErrors.sum());
            m.put("serverErrors", h.serverErrors.sum());
        }
        if (s != null) {
            s.addTo(m);
        }
        HttpConnections c = connections;
        if (c != null) {
            c.addTo(m);
        }
        ServerTls t = tls;
        if (t != null) {
            t.addTo(m);
        }
        m.putAll(serviceMetrics());
        return m;
    }
}
