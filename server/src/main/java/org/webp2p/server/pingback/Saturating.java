package org.webp2p.server.pingback;

/**
 * Sums that stop at {@link Long#MAX_VALUE} (or {@link Long#MIN_VALUE}) instead of wrapping: a figure
 * built from clients' reports may be too big, but never turns negative.
 */
final class Saturating {
    private Saturating() {
    }

    static long add(long a, long b) {
        long sum = a + b;
        // Overflow only when both have the same sign and the sum's sign differs (Hacker's Delight 2-13).
        if (((a ^ sum) & (b ^ sum)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return sum;
    }

    /** {@code a * b} for non-negative factors, {@link Long#MAX_VALUE} when it does not fit. */
    static long multiply(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        return hi != 0 || lo < 0 ? Long.MAX_VALUE : lo;
    }
}
