package org.webp2p.server.http;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Method + path routes. A path segment written {@code {name}} matches any one segment and is handed
 * to the handler as a path parameter. A path no route matches is a 404; a path matched only for
 * other methods is a 405 naming the allowed ones.
 */
public final class Router {
    private final List<Route> routes = new ArrayList<>();
    private final Set<String> openPaths = new HashSet<>();
    private RequestGuard guard = RequestGuard.NONE;

    /** Every request except those to {@link #open} paths must pass {@code guard}, before routing. */
    public Router guard(RequestGuard guard) {
        this.guard = Objects.requireNonNull(guard);
        return this;
    }

    /** Serves {@code path} without the guard (health checks need no credentials). */
    public Router open(String path) {
        openPaths.add(path);
        return this;
    }

    public Router get(String path, HttpRequestHandler handler) {
        return add(HttpMethod.GET, path, handler);
    }

    public Router post(String path, HttpRequestHandler handler) {
        return add(HttpMethod.POST, path, handler);
    }

    public Router add(HttpMethod method, String path, HttpRequestHandler handler) {
        Route route = new Route(method, path.split("/", -1), handler);
        for (Route r : routes) {
            if (r.method.equals(method) && r.template().equals(route.template())) {
                throw new IllegalArgumentException("route defined twice: " + method + " " + path);
            }
        }
        routes.add(route);
        return this;
    }

    /** Refuses a request the guard does not admit, before anything tells whether its path exists. */
    void admit(FullHttpRequest request, String path) {
        if (!openPaths.contains(path)) {
            guard.check(request);
        }
    }

    /** The matching handler with its path parameters, or a problem saying why there is none. */
    Match find(HttpMethod method, String path) {
        String[] segments = path.split("/", -1);
        Set<String> allowed = new TreeSet<>();
        Match fallback = null;
        for (Route r : routes) {
            Map<String, String> params = r.match(segments);
            if (params == null) {
                continue;
            }
            if (r.method.equals(method)) {
                return new Match(r.handler, params);
            }
            if (method.equals(HttpMethod.HEAD) && r.method.equals(HttpMethod.GET)) {
                fallback = new Match(r.handler, params);
            }
            allowed.add(r.method.name());
        }
        if (fallback != null) {
            return fallback;
        }
        if (allowed.isEmpty()) {
            throw HttpProblem.notFound("no resource at " + path);
        }
        throw new HttpProblem(HttpResponseStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
                method + " is not allowed on " + path + "; use " + String.join(", ", allowed));
    }

    record Match(HttpRequestHandler handler, Map<String, String> params) {
    }

    private record Route(HttpMethod method, String[] segments, HttpRequestHandler handler) {
        String template() {
            return String.join("/", segments).replaceAll("\\{[^/]+}", "{}");
        }

        Map<String, String> match(String[] path) {
            if (path.length != segments.length) {
                return null;
            }
            Map<String, String> params = new LinkedHashMap<>();
            for (int i = 0; i < segments.length; i++) {
                String s = segments[i];
                if (s.length() > 2 && s.startsWith("{") && s.endsWith("}")) {
                    if (path[i].isEmpty()) {
                        return null;
                    }
                    params.put(s.substring(1, s.length() - 1), path[i]);
                } else if (!s.equals(path[i])) {
                    return null;
                }
            }
            return params;
        }
    }
}
