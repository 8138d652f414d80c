package org.webp2p.nat.stun;

import java.net.InetSocketAddress;

/**
 * MAPPED-ADDRESS: the client's reflexive transport address in the clear; what an RFC 3489 server answers with.
 *
 * @param address the transport address
 */
public record MappedAddress(InetSocketAddress address) implements AddressAttribute {
    /** Attribute type (RFC 8489 §14.1). */
    public static final int TYPE = 0x0001;

    public MappedAddress {
        AddressAttribute.requireEncodable(address);
    }

    @Override
    public int type() {
        return TYPE;
    }
}
