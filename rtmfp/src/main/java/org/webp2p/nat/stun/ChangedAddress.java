package org.webp2p.nat.stun;

import java.net.InetSocketAddress;

/**
 * CHANGED-ADDRESS: the RFC 3489 name of the alternate server endpoint a CHANGE-REQUEST would answer from.
 *
 * @param address the transport address
 */
public record ChangedAddress(InetSocketAddress address) implements AddressAttribute {
    /** Attribute type (RFC 3489 §11.2.3). */
    public static final int TYPE = 0x0005;

    public ChangedAddress {
        AddressAttribute.requireEncodable(address);
    }

    @Override
    public int type() {
        return TYPE;
    }
}
