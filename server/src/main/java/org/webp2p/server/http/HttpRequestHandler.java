package org.webp2p.server.http;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Handles one routed request and returns the whole response. Throw {@link HttpProblem} to refuse. */
@FunctionalInterface
public interface HttpRequestHandler {
    FullHttpResponse handle(Request request) throws Exception;

    /**
     * A request with its decoded path, path parameters and query, and the peer's address.
     *
     * @param secure whether it came over TLS, so links handed back can keep to https
     */
    record Request(FullHttpRequest http, QueryStringDecoder uri, Map<String, String> pathParams,
                   InetSocketAddress remote, boolean secure) {
        public String path() {
            return uri.path();
        }

        public String pathParam(String name) {
            return pathParams.get(name);
        }

        /** The first value of a query parameter, or null. */
        public @Nullable String query(String name) {
            var values = uri.parameters().get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }
}
