package org.webp2p.nat.stun;

/**
 * CHANGE-REQUEST (RFC 5780 §7.2, RFC 3489 §11.2.4): asks the server to answer from its alternate IP
 * address and/or port, which is how a client probes the filtering of its NAT.
 *
 * @param changeIp answer from the other IP address (flag A, 0x4)
 * @param changePort answer from the other port (flag B, 0x2)
 */
public record ChangeRequest(boolean changeIp, boolean changePort) implements StunAttribute {
    /** Attribute type. */
    public static final int TYPE = 0x0003;

    @Override
    public int type() {
        return TYPE;
    }
}
