package org.webp2p.nat.stun;

import java.net.InetSocketAddress;

/**
 * RESPONSE-ORIGIN: the server address and port the response was sent from.
 *
 * @param address the transport address
 */
public record ResponseOrigin(InetSocketAddress address) implements AddressAttribute {
    /** Attribute type (RFC 5780 §7.3). */
    public static final int TYPE = 0x802B;

    public ResponseOrigin {
        AddressAttribute.requireEncodable(address);
    }

    @Override
    public int type() {
        return TYPE;
    }
}
