package org.webp2p.nat;

/** Which inbound packets a NAT lets through a mapping (RFC 4787 §5, probed as in RFC 5780 §4.4). */
public enum FilteringBehaviour {
    /** Anyone may send to the mapping. */
    ENDPOINT_INDEPENDENT,
    /** Only IP addresses the host has sent to. */
    ADDRESS_DEPENDENT,
    /** Only IP address and port pairs the host has sent to. */
    ADDRESS_AND_PORT_DEPENDENT,
    /** The tests could not tell (the server cannot change its IP address, or ignored the request). */
    UNDETERMINED
}
