package org.webp2p.server.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.webp2p.server.EmbeddedHttp;
import org.webp2p.server.config.Config;

/** A small service's routes on the real HTTP pipeline, for the tables that test them without a socket. */
final class TestRoutes {
    static final String TOKEN = "let-me-in";
    /** Largest body the pipeline takes; larger ones are refused before they reach a route. */
    static final int MAX_BODY = 64;

    final RoutingHandler handler = new RoutingHandler("test", router());
    final EmbeddedHttp http = new EmbeddedHttp(p -> HttpService.pipeline(p, HttpConnections.of(Config.defaults()),
            MAX_BODY, Optional.empty(), handler, q -> { }));

    private static Router router() {
        return new Router()
                .guard(request -> {
                    if (request.uri().startsWith("/guarded")) {
                        new BearerToken(TOKEN).check(request);
                    }
                })
                .open("/health")
                .get("/health", req -> Json.response(HttpResponseStatus.OK, Map.of("status", "ok")))
                .get("/things/{id}", req -> Json.response(HttpResponseStatus.OK, Map.of("id", req.pathParam("id"),
                        "from", req.remote().getAddress().getHostAddress())))
                .post("/things", req -> Json.response(HttpResponseStatus.CREATED,
                        Map.of("got", Json.read(req.http().content(), Map.class))))
                .post("/echo", req -> Json.response(HttpResponseStatus.OK,
                        Map.of("text", req.http().content().toString(StandardCharsets.UTF_8))))
                .get("/guarded", req -> Json.response(HttpResponseStatus.OK, Map.of("secret", 42)))
                .get("/refuse", req -> {
                    throw new HttpProblem(HttpResponseStatus.CONFLICT, "busy", "come back later");
                })
                .get("/boom", req -> {
                    throw new IllegalStateException("a bug in a route");
                });
    }
}
