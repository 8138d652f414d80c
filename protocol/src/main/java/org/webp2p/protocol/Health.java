package org.webp2p.protocol;

import java.util.Objects;

/** What every HTTP service answers to {@code GET /health} while it serves. */
public record Health(String service, String status) {
    public static final String OK = "ok";

    public Health {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(status, "status");
    }

    public static Health ok(String service) {
        return new Health(service, OK);
    }
}
