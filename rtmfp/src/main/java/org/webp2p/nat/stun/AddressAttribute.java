package org.webp2p.nat.stun;

import java.net.InetSocketAddress;

/**
 * The attributes that carry a transport address, all laid out as MAPPED-ADDRESS is
 * (RFC 8489 §14.1): family, port and an IPv4 or IPv6 address, possibly XOR-obfuscated.
 */
public sealed interface AddressAttribute extends StunAttribute
        permits MappedAddress, XorMappedAddress, ResponseOrigin, OtherAddress, ChangedAddress, SourceAddress {

    /** The transport address, always resolved. */
    InetSocketAddress address();

    /** Refuses what cannot be encoded: a missing or unresolved address. */
    static InetSocketAddress requireEncodable(InetSocketAddress address) {
        if (address == null || address.isUnresolved()) {
            throw new IllegalArgumentException("an address attribute needs a resolved IP address: " + address);
        }
        return address;
    }
}
