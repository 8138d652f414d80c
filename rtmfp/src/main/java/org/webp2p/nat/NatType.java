package org.webp2p.nat;

/**
 * The classic RFC 3489 §5 NAT types, which peer-to-peer code still reasons in: whether two peers can
 * reach each other directly depends mostly on this pair.
 */
public enum NatType {
    /** No NAT: the mapped address is the local one. */
    OPEN,
    /** Endpoint-independent mapping and filtering: anyone can reach the mapping. */
    FULL_CONE,
    /** Endpoint-independent mapping; only addresses the host sent to can reach it. */
    RESTRICTED_CONE,
    /** Endpoint-independent mapping; only address and port pairs the host sent to can reach it. */
    PORT_RESTRICTED_CONE,
    /** A new mapping per destination: the address a server sees is useless to peers. */
    SYMMETRIC,
    /** No STUN response at all. */
    UDP_BLOCKED,
    /** The server could not support the tests needed to decide. */
    UNKNOWN;

    /** The type for a mapping and a filtering behaviour found by RFC 5780 tests. */
    public static NatType of(MappingBehaviour mapping, FilteringBehaviour filtering) {
        return switch (mapping) {
            case NO_NAT -> OPEN;
            case ADDRESS_DEPENDENT, ADDRESS_AND_PORT_DEPENDENT -> SYMMETRIC;
            case UNDETERMINED -> UNKNOWN;
            case ENDPOINT_INDEPENDENT -> switch (filtering) {
                case ENDPOINT_INDEPENDENT -> FULL_CONE;
                case ADDRESS_DEPENDENT -> RESTRICTED_CONE;
                case ADDRESS_AND_PORT_DEPENDENT -> PORT_RESTRICTED_CONE;
                case UNDETERMINED -> UNKNOWN;
            };
        };
    }
}
