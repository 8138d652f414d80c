package org.webp2p.server.http;

import io.netty.handler.codec.http.FullHttpRequest;

/** Decides before routing whether a request may be served; refuses by throwing {@link HttpProblem}. */
@FunctionalInterface
public interface RequestGuard {
    RequestGuard NONE = request -> { };

    void check(FullHttpRequest request);
}
