package org.webp2p.nat.emulator;

import java.util.Objects;
import org.webp2p.nat.FilteringBehaviour;
import org.webp2p.nat.MappingBehaviour;
import org.webp2p.nat.NatType;

/**
 * The behaviour an emulated NAT has: how it maps (RFC 4787 §4.1) and how it filters (§5). The four
 * classic types are the usual combinations; any other is allowed too.
 *
 * @param mapping endpoint-independent, address-dependent or address-and-port-dependent
 * @param filtering endpoint-independent, address-dependent or address-and-port-dependent
 */
public record NatProfile(MappingBehaviour mapping, FilteringBehaviour filtering) {

    public NatProfile {
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(filtering, "filtering");
        if (mapping == MappingBehaviour.NO_NAT || mapping == MappingBehaviour.UNDETERMINED
                || filtering == FilteringBehaviour.UNDETERMINED) {
            throw new IllegalArgumentException("a NAT needs a definite mapping and filtering: " + mapping + "/"
                    + filtering);
        }
    }

    /** The classic type as a profile; OPEN, UDP_BLOCKED and UNKNOWN are not NATs one can emulate. */
    public static NatProfile of(NatType type) {
        return switch (type) {
            case FULL_CONE -> new NatProfile(MappingBehaviour.ENDPOINT_INDEPENDENT,
                    FilteringBehaviour.ENDPOINT_INDEPENDENT);
            case RESTRICTED_CONE -> new NatProfile(MappingBehaviour.ENDPOINT_INDEPENDENT,
                    FilteringBehaviour.ADDRESS_DEPENDENT);
            case PORT_RESTRICTED_CONE -> new NatProfile(MappingBehaviour.ENDPOINT_INDEPENDENT,
                    FilteringBehaviour.ADDRESS_AND_PORT_DEPENDENT);
            case SYMMETRIC -> new NatProfile(MappingBehaviour.ADDRESS_AND_PORT_DEPENDENT,
                    FilteringBehaviour.ADDRESS_AND_PORT_DEPENDENT);
            case OPEN, UDP_BLOCKED, UNKNOWN -> throw new IllegalArgumentException("not an emulated NAT type: " + type);
        };
    }
}
