package org.webp2p.rtmfp.flow;

import org.webp2p.rtmfp.RtmfpParams;

/**
 * How long a fragment sent before one already acknowledged may still be on its way, so that a
 * path that reorders datagrams is not taken for a lossy one (RACK's reordering window, RFC 8985
 * §6.2): a quarter of the minimum round trip, grown by a quarter more each time a fragment taken
 * for lost turns out to have been delivered, never more than the smoothed round trip, and back to
 * a quarter after {@link RtmfpParams#reorderingResetRecoveries()} loss recoveries with no such mistake.
 *
 * <p>Without it, three acknowledgements of later data declared a fragment lost however little
 * later they came: on a mobile link whose datagrams differ in delay by up to 40 ms, each way,
 * most copies of an HD segment had their congestion window halved for losses that never happened
 * (docs/protocol.md, Upload). Real loss is still declared, a reordering window later, and still
 * halves the window (RFC 7016 §3.5.2.3). Pure: the caller passes the round-trip samples.
 */
public final class ReorderingWindow {
    /** Only bounds the counter: far sooner the smoothed round trip caps the window. */
    private static final int MAX_MULTIPLIER = 64;

    private final int resetRecoveries;
    private long minRttMillis = -1;
    private int multiplier = 1;
    private int recoveriesSinceSpurious;

    public ReorderingWindow(RtmfpParams params) {
        this.resetRecoveries = params.reorderingResetRecoveries();
    }

    /** A round-trip sample (RFC 7016 §3.5.2.2 timestamp echo). */
    public void onRttSample(long rttMillis) {
        if (rttMillis >= 0 && (minRttMillis < 0 || rttMillis < minRttMillis)) {
            minRttMillis = rttMillis;
        }
    }

    /** The window now, given the smoothed round trip; 0 before any sample, which declares loss at once. */
    public long millis(long smoothedRttMillis) {
        if (minRttMillis < 0) {
            return 0;
        }
        return Math.min(multiplier * minRttMillis / 4, Math.max(smoothedRttMillis, 0));
    }

    /**
     * True when a fragment retransmitted {@code millisSinceRetransmission} ago is acknowledged too
     * soon for the retransmission to have made the round trip: it was the first copy that arrived,
     * and the loss was spurious (as RFC 3522 tells by timestamps).
     */
    public boolean tooSoonForRetransmission(long millisSinceRetransmission) {
        return minRttMillis > 0 && millisSinceRetransmission < minRttMillis / 2;
    }

    /** A fragment taken for lost was delivered after all: wait longer before the next verdict. */
    public void onSpuriousLoss() {
        multiplier = Math.min(multiplier + 1, MAX_MULTIPLIER);
        recoveriesSinceSpurious = 0;
    }

    /** A loss recovery began. */
    public void onRecovery() {
        if (++recoveriesSinceSpurious >= resetRecoveries) {
            multiplier = 1;
            recoveriesSinceSpurious = 0;
        }
    }
}
