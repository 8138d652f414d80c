package org.webp2p.rtmfp.packet;

/**
 * The session ID scrambling of RFC 7016 §2.2.1: the ID on the wire is XORed with the first two
 * 32-bit words of the encrypted packet, so the field changes from packet to packet.
 */
public final class ScrambledSessionId {
    /** The encrypted part must hold at least the two words that scramble the ID. */
    public static final int MIN_ENCRYPTED_LENGTH = 8;

    private ScrambledSessionId() {
    }

    /** Scrambles {@code sessionId} with words at {@code encrypted[offset..offset+8)}. */
    public static long scramble(long sessionId, byte[] encrypted, int offset) {
        return (sessionId ^ word(encrypted, offset) ^ word(encrypted, offset + 4)) & 0xffffffffL;
    }

    /** Unscrambling is the same XOR. */
    public static long unscramble(long scrambled, byte[] encrypted, int offset) {
        return scramble(scrambled, encrypted, offset);
    }

    private static long word(byte[] b, int at) {
        return ((long) (b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }
}
