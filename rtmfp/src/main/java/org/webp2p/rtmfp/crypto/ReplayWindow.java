package org.webp2p.rtmfp.crypto;

/**
 * Remembers which session sequence numbers arrived (RFC 7425 §4.6), so a replayed packet is
 * refused: anything seen, or older than the last 64, is rejected.
 */
final class ReplayWindow {
    private static final int SIZE = 64;

    private long highest = -1;
    private long seen;

    /** True, and recorded, if {@code sequence} is new. */
    boolean accept(long sequence) {
        if (sequence > highest) {
            long shift = sequence - highest;
            seen = shift >= SIZE ? 0 : seen << shift;
            seen |= 1;
            highest = sequence;
            return true;
        }
        long age = highest - sequence;
        if (age >= SIZE || (seen & (1L << age)) != 0) {
            return false;
        }
        seen |= 1L << age;
        return true;
    }
}
