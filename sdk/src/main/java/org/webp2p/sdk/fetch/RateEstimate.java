package org.webp2p.sdk.fetch;

/**
 * How fast one peer has delivered segments, in bytes per millisecond from request to last byte: a
 * moving average over its recent transfers, so one slow or lucky transfer moves it without
 * defining it. Round trip, loss and the peer's uplink all show in it, which is what choosing a
 * peer needs to know. Pure.
 */
final class RateEstimate {
    /** Weight of the newest transfer; about the last four count. */
    private static final double GAIN = 0.25;

    private double bytesPerMs = -1;

    /** A transfer that moved {@code bytes} in {@code elapsedMs}. */
    void sample(long bytes, long elapsedMs) {
        double rate = bytes / (double) Math.max(1, elapsedMs);
        bytesPerMs = bytesPerMs < 0 ? rate : bytesPerMs + GAIN * (rate - bytesPerMs);
    }

    /** The estimate; infinite before any transfer, so an untried peer is tried before a known slow one. */
    double bytesPerMs() {
        return bytesPerMs < 0 ? Double.POSITIVE_INFINITY : bytesPerMs;
    }
}
