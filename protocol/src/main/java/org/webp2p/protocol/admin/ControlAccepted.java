package org.webp2p.protocol.admin;

import java.util.Objects;

/** The {@code 202 Accepted} answer to a service action: the node carries it out in the background. */
public record ControlAccepted(String service, ServiceAction action) {
    public ControlAccepted {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(action, "action");
    }
}
