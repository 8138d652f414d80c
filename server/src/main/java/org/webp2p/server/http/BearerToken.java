package org.webp2p.server.http;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/** Admits requests carrying {@code Authorization: Bearer <token>} with the one expected token. */
public final class BearerToken implements RequestGuard {
    private static final String SCHEME = "bearer ";
    private final byte[] expected;

    public BearerToken(String token) {
        Objects.requireNonNull(token, "token");
        if (token.isBlank()) {
            throw new IllegalArgumentException("a bearer token must not be blank");
        }
        this.expected = token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void check(FullHttpRequest request) {
        String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (header == null || header.length() < SCHEME.length()
                || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw HttpProblem.unauthorized("send Authorization: Bearer <admin token>");
        }
        byte[] given = header.substring(SCHEME.length()).trim().getBytes(StandardCharsets.UTF_8);
        // Constant time, so the answer's timing does not tell how much of a guess was right.
        if (!MessageDigest.isEqual(given, expected)) {
            throw HttpProblem.unauthorized("the bearer token is not this node's admin token");
        }
    }
}
