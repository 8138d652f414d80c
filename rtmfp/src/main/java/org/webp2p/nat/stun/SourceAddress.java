package org.webp2p.nat.stun;

import java.net.InetSocketAddress;

/**
 * SOURCE-ADDRESS: the RFC 3489 name of the server endpoint the response was sent from.
 *
 * @param address the transport address
 */
public record SourceAddress(InetSocketAddress address) implements AddressAttribute {
    /** Attribute type (RFC 3489 §11.2.5). */
    public static final int TYPE = 0x0004;

    public SourceAddress {
        AddressAttribute.requireEncodable(address);
    }

    @Override
    public int type() {
        return TYPE;
    }
}
