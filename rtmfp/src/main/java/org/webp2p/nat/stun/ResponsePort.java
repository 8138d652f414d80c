package org.webp2p.nat.stun;

/**
 * RESPONSE-PORT (RFC 5780 §7.5): the port the response must go to, on the request's source IP.
 *
 * @param port 0 to 65535
 */
public record ResponsePort(int port) implements StunAttribute {
    /** Attribute type. */
    public static final int TYPE = 0x0027;

    public ResponsePort {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    @Override
    public int type() {
        return TYPE;
    }
}
