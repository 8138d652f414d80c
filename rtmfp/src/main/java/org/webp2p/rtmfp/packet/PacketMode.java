package org.webp2p.rtmfp.packet;

import org.webp2p.rtmfp.wire.MalformedInputException;

/** The MOD field of the packet header (RFC 7016 §2.2.4). Zero is forbidden. */
public enum PacketMode {
    /** Sent by the session's initiator. */
    INITIATOR(1),
    /** Sent by the session's responder. */
    RESPONDER(2),
    /** Handshake packets before a session exists. */
    STARTUP(3);

    private final int bits;

    PacketMode(int bits) {
        this.bits = bits;
    }

    public int bits() {
        return bits;
    }

    public static PacketMode fromBits(int bits) {
        return switch (bits & 0x03) {
            case 1 -> INITIATOR;
            case 2 -> RESPONDER;
            case 3 -> STARTUP;
            default -> throw new MalformedInputException("packet mode 0 is forbidden");
        };
    }
}
