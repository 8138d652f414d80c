package org.webp2p.rtmfp.flow;

/**
 * TCP-compatible congestion control for one session (RFC 7016 §3.5.2.3, in the manner of
 * RFC 5681): slow start, additive increase, halving on loss at most once per round trip,
 * and collapse after a retransmission timeout. A halving whose every lost fragment turns out to
 * have been delivered after all (reordered, not lost) is undone, as TCP undoes a reduction that
 * DSACKs or timestamps show spurious (RFC 3708, RFC 4015); a timeout is never undone.
 */
public final class CongestionWindow {
    private final int segmentSize;
    private final int timedOutWindow;
    private long window;
    private long slowStartThreshold = Long.MAX_VALUE;
    private long recoveryUntilMillis;
    /** Bytes acknowledged in congestion avoidance since the window last grew. */
    private long acknowledgedSinceGrowth;
    /** When the last halving began; fragments declared lost since then belong to it. */
    private long reductionAtMillis = Long.MAX_VALUE;
    /** Fragments declared lost in the last halving and not yet shown delivered; 0 when it cannot be undone. */
    private int unconfirmedLosses;
    private long windowBeforeReduction;
    private long thresholdBeforeReduction;

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

    /**
     * {@code bytes} newly acknowledged by one acknowledgement. In slow start the window grows by
     * those bytes, at most a segment per ack; in congestion avoidance by a segment once a window's
     * worth of bytes has been acknowledged, the byte counting RFC 5681 §3.1 recommends. Growing by
     * SMSS²/cwnd per ack instead, as before, grew half as fast, since the far end acknowledges every
     * second packet: a loss-bound mobile link recovered from each halving at half TCP's pace.
     */
    public void onAcknowledged(long bytes) {
        if (bytes <= 0) {
            return;
        }
        if (window < slowStartThreshold) {
            window += Math.min(bytes, segmentSize);
            return;
        }
        acknowledgedSinceGrowth += bytes;
        if (acknowledgedSinceGrowth >= window) {
            acknowledgedSinceGrowth -= window;
            window += segmentSize;
        }
    }

    /**
     * {@code fragments} declared lost at {@code nowMillis} by acknowledgements of later data.
     *
     * @return true if this began a new halving (a loss recovery), false if it joined the current one
     */
    public boolean onLoss(long nowMillis, long rttMillis, int fragments) {
        if (nowMillis < recoveryUntilMillis) {
            if (unconfirmedLosses > 0) {
                unconfirmedLosses += fragments;
            }
            return false;
        }
        windowBeforeReduction = window;
        thresholdBeforeReduction = slowStartThreshold;
        reductionAtMillis = nowMillis;
        unconfirmedLosses = fragments;
        slowStartThreshold = Math.max(window / 2, 2L * segmentSize);
        window = slowStartThreshold;
        acknowledgedSinceGrowth = 0;
        recoveryUntilMillis = nowMillis + Math.max(rttMillis, 1);
        return true;
    }

    /**
     * A fragment declared lost at {@code declaredLostAtMillis} was delivered after all. Once every
     * fragment of the last halving is, the halving is undone: the window and threshold return to
     * what they were, and the recovery period ends.
     */
    public void onSpuriousLoss(long declaredLostAtMillis) {
        if (unconfirmedLosses == 0 || declaredLostAtMillis < reductionAtMillis) {
            return;
        }
        if (--unconfirmedLosses == 0) {
            window = Math.max(window, windowBeforeReduction);
            slowStartThreshold = thresholdBeforeReduction;
            recoveryUntilMillis = 0;
            reductionAtMillis = Long.MAX_VALUE;
        }
    }

    public void onTimeout() {
        slowStartThreshold = Math.max(window / 2, 2L * segmentSize);
        window = timedOutWindow;
        acknowledgedSinceGrowth = 0;
        unconfirmedLosses = 0;
        reductionAtMillis = Long.MAX_VALUE;
    }
}
