package org.webp2p.protocol.admin;

import java.util.List;
import java.util.Objects;

/**
 * The body of {@code GET /v1/snapshot}: the node's state, the service events logged after the
 * caller's cursor, oldest first, and the cursor to send next time.
 */
public record AdminSnapshot(NodeState node, List<ServiceEvent> events, long eventCursor) {
    public AdminSnapshot {
        Objects.requireNonNull(node, "node");
        events = List.copyOf(events);
        if (eventCursor < 0) {
            throw new IllegalArgumentException("eventCursor must not be negative");
        }
    }
}
