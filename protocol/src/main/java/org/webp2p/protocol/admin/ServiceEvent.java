package org.webp2p.protocol.admin;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A state change of a service, as the event log records it. */
public record ServiceEvent(Instant at, String service, @Nullable ServiceState from, ServiceState to, String detail) {
    public ServiceEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(to, "to");
        detail = detail == null ? "" : detail;
    }
}
