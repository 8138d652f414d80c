package org.webp2p.nat;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What {@link NatClassifier} found.
 *
 * @param type the classic type derived from the two behaviours
 * @param mapping the mapping behaviour
 * @param filtering the filtering behaviour
 * @param mappedAddress the address the server saw on the first test; null when none was learnt
 */
public record NatReport(NatType type, MappingBehaviour mapping, FilteringBehaviour filtering,
        @Nullable InetSocketAddress mappedAddress) {

    public NatReport {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(filtering, "filtering");
        if (mappedAddress != null && type == NatType.UDP_BLOCKED) {
            throw new IllegalArgumentException("a blocked socket has no mapped address");
        }
    }

    /** The report when no server answered. */
    static NatReport blocked() {
        return new NatReport(NatType.UDP_BLOCKED, MappingBehaviour.UNDETERMINED, FilteringBehaviour.UNDETERMINED,
                null);
    }

    /** The server reflexive address, if any server answered. */
    public Optional<InetSocketAddress> mapped() {
        return Optional.ofNullable(mappedAddress);
    }
}
