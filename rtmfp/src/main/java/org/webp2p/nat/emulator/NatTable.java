package org.webp2p.nat.emulator;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The translation state of one NAT without any I/O: which mapping an outbound packet uses, whether an
 * inbound packet passes the filter, and when idle mappings expire. Time is passed in, so tests use a
 * fake clock. Not thread-safe: one I/O thread owns it.
 */
public final class NatTable {
    private final NatProfile profile;
    private final long timeoutMillis;
    private final Map<MappingKey, NatMapping> mappings = new HashMap<>();

    /**
     * @param profile mapping and filtering behaviour
     * @param mappingTimeout idle time after the last outbound packet before a mapping goes
     *     (RFC 4787 REQ-5 asks at least two minutes of real NATs; tests use less)
     */
    public NatTable(NatProfile profile, Duration mappingTimeout) {
        this.profile = Objects.requireNonNull(profile, "profile");
        if (mappingTimeout.isNegative() || mappingTimeout.isZero()) {
            throw new IllegalArgumentException("mapping timeout must be positive");
        }
        this.timeoutMillis = mappingTimeout.toMillis();
    }

    /** Finds or creates the mapping for a packet from {@code internal} to {@code destination}. */
    public NatMapping outbound(InetSocketAddress internal, InetSocketAddress destination, long nowMillis) {
        NatMapping mapping = mappings.computeIfAbsent(key(internal, destination),
                k -> new NatMapping(internal, nowMillis));
        mapping.recordOutbound(destination, nowMillis);
        return mapping;
    }

    /** The inside endpoint to deliver a packet from {@code source} to, or empty if the filter drops it. */
    public Optional<InetSocketAddress> inbound(NatMapping mapping, InetSocketAddress source, long nowMillis) {
        if (!mapping.isActive() || isExpired(mapping, nowMillis)) {
            return Optional.empty();
        }
        boolean allowed = switch (profile.filtering()) {
            case ENDPOINT_INDEPENDENT -> true;
            case ADDRESS_DEPENDENT -> mapping.hasSentToAddress(source);
            case ADDRESS_AND_PORT_DEPENDENT, UNDETERMINED -> mapping.hasSentTo(source);
        };
        return allowed ? Optional.of(mapping.internal()) : Optional.empty();
    }

    /** Removes and returns mappings idle for longer than the timeout, so their ports can be freed. */
    public List<NatMapping> expire(long nowMillis) {
        List<NatMapping> expired = new ArrayList<>();
        for (Iterator<NatMapping> it = mappings.values().iterator(); it.hasNext(); ) {
            NatMapping m = it.next();
            if (isExpired(m, nowMillis)) {
                it.remove();
                m.deactivate();
                expired.add(m);
            }
        }
        return expired;
    }

    /** Mappings currently held. */
    public int size() {
        return mappings.size();
    }

    private boolean isExpired(NatMapping mapping, long nowMillis) {
        return nowMillis - mapping.lastOutboundMillis() >= timeoutMillis;
    }

    private MappingKey key(InetSocketAddress internal, InetSocketAddress destination) {
        return switch (profile.mapping()) {
            case ENDPOINT_INDEPENDENT, NO_NAT -> new MappingKey(internal, null);
            case ADDRESS_DEPENDENT -> new MappingKey(internal, new InetSocketAddress(destination.getAddress(), 0));
            case ADDRESS_AND_PORT_DEPENDENT, UNDETERMINED -> new MappingKey(internal, destination);
        };
    }

    /** The inside endpoint, plus the part of the destination the mapping behaviour depends on. */
    private record MappingKey(InetSocketAddress internal, InetSocketAddress destination) {
    }
}
