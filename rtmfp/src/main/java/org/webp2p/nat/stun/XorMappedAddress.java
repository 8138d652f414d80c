package org.webp2p.nat.stun;

import java.net.InetSocketAddress;

/**
 * XOR-MAPPED-ADDRESS: the client's reflexive transport address, XORed with the header so that NATs
 * rewriting addresses they find in payloads leave it alone.
 *
 * @param address the transport address
 */
public record XorMappedAddress(InetSocketAddress address) implements AddressAttribute {
    /** Attribute type (RFC 8489 §14.2). */
    public static final int TYPE = 0x0020;

    public XorMappedAddress {
        AddressAttribute.requireEncodable(address);
    }

    @Override
    public int type() {
        return TYPE;
    }
}
