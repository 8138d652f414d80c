package org.webp2p.nat.emulator;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * One translation: an inside endpoint, the public port the I/O layer binds for it, and the remote
 * endpoints it has sent to (its permissions). Mutable, and confined to the {@link NatTable}'s thread.
 */
public final class NatMapping {
    private final InetSocketAddress internal;
    private final Map<InetSocketAddress, Long> sentTo = new HashMap<>();
    private long lastOutboundMillis;
    private boolean active = true;

    NatMapping(InetSocketAddress internal, long nowMillis) {
        this.internal = internal;
        this.lastOutboundMillis = nowMillis;
    }

    /** The inside host's endpoint that packets on this mapping are delivered to. */
    public InetSocketAddress internal() {
        return internal;
    }

    void recordOutbound(InetSocketAddress destination, long nowMillis) {
        sentTo.put(destination, nowMillis);
        lastOutboundMillis = nowMillis;
    }

    boolean hasSentTo(InetSocketAddress endpoint) {
        return sentTo.containsKey(endpoint);
    }

    boolean hasSentToAddress(InetSocketAddress endpoint) {
        return sentTo.keySet().stream().anyMatch(e -> e.getAddress().equals(endpoint.getAddress()));
    }

    boolean isActive() {
        return active;
    }

    void deactivate() {
        active = false;
    }

    long lastOutboundMillis() {
        return lastOutboundMillis;
    }
}
