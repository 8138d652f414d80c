package org.webp2p.nat;

/** How a NAT reuses a mapping across destinations (RFC 4787 §4.1, probed as in RFC 5780 §4.3). */
public enum MappingBehaviour {
    /** The mapped address equals the local one: there is no NAT. */
    NO_NAT,
    /** One mapping per local endpoint, whatever the destination. */
    ENDPOINT_INDEPENDENT,
    /** A new mapping per destination IP address. */
    ADDRESS_DEPENDENT,
    /** A new mapping per destination IP address and port. */
    ADDRESS_AND_PORT_DEPENDENT,
    /** The tests could not be run (no alternate server endpoint, or a test went unanswered). */
    UNDETERMINED
}
