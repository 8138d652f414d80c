package org.webp2p.protocol.admin;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** What an operator can ask of a service: {@code POST /v1/services/{name}/{action}}. */
public enum ServiceAction {
    START, STOP, RESTART;

    /** How the path and the answer spell it: {@code start}, {@code stop}, {@code restart}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The action a path segment names; empty for anything else. */
    public static Optional<ServiceAction> parse(String text) {
        for (ServiceAction a : values()) {
            if (a.wireName().equals(text)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
