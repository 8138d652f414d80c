package org.webp2p.rtmfp.flow;

/**
 * TCP-compatible congestion control for one session (RFC 7016 §3.5.2.3, in the manner of
 * RFC 5681): slow start, additive increase, halving on loss at most once per round trip,
 * and collapse after a retransmission timeout.
 */
public final class CongestionWindow {
    private final int segmentSize;
    private final int timedOutWindow;
    private long window;
    private long slowStartThreshold = Long.MAX_VALUE;
    private long recoveryUntilMillis;

    /**
     * @param segmentSize         bytes in a full data packet
     * @param initialSegments     window at start, in segments
     * @param timedOutSegments    window after a timeout, in segments
     */
    public CongestionWindow(int segmentSize, int initialSegments, int timedOutSegments) {
        this.segmentSize = segmentSize;
        this.timedOutWindow = timedOutSegments * segmentSize;
        this.window = (long) initialSegments * segmentSize;
    }

    public long bytes() {
        return window;
    }

    public void onAcknowledged(long bytes) {
        if (bytes <= 0) {
            return;
        }
        if (window < slowStartThreshold) {
            window += Math.min(bytes, segmentSize);
        } else {
            window += Math.max(1, (long) segmentSize * segmentSize / window);
        }
    }

    /** A loss detected by acknowledgements of later data. */
    public void onLoss(long nowMillis, long rttMillis) {
        if (nowMillis < recoveryUntilMillis) {
            return;
        }
        slowStartThreshold = Math.max(window / 2, 2L * segmentSize);
        window = slowStartThreshold;
        recoveryUntilMillis = nowMillis + Math.max(rttMillis, 1);
    }

    public void onTimeout() {
        slowStartThreshold = Math.max(window / 2, 2L * segmentSize);
        window = timedOutWindow;
    }
}
