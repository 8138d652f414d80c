package org.webp2p.nat.stun;

import java.net.InetSocketAddress;

/**
 * OTHER-ADDRESS: the server's alternate address and port, where a client runs the behaviour tests
 * that need a second endpoint.
 *
 * @param address the transport address
 */
public record OtherAddress(InetSocketAddress address) implements AddressAttribute {
    /** Attribute type (RFC 5780 §7.4). */
    public static final int TYPE = 0x802C;

    public OtherAddress {
        AddressAttribute.requireEncodable(address);
    }

    @Override
    public int type() {
        return TYPE;
    }
}
