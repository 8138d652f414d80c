package org.webp2p.protocol.admin;

import java.time.Instant;
import java.util.Objects;

/** The {@code 201 Created} answer to {@code POST /v1/tokens}: the signed token, its stream and when it expires. */
public record IssuedToken(String token, String stream, Instant expires) {
    public IssuedToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(expires, "expires");
    }
}
