package org.webp2p.protocol;

import java.util.Objects;

/**
 * The body of every refusal any service answers: a stable machine {@code code} (docs/protocol.md
 * lists them) and a {@code reason} for people.
 */
public record Problem(String code, String reason) {
    public Problem {
        Objects.requireNonNull(code, "code");
        reason = reason == null ? "" : reason;
    }
}
