package org.webp2p.rtmfp.flow;

import org.webp2p.rtmfp.RtmfpParams;

/**
 * Smoothed round-trip time and the effective retransmission timeout (RFC 7016 §3.5.2.2, which
 * follows RFC 6298): ERTO = SRTT + 4 RTTVAR within bounds, backed off on timeout.
 */
public final class RttEstimator {
    private final RtmfpParams params;
    private double smoothedRtt = -1;
    private double rttVariance;
    private long erto;

    public RttEstimator(RtmfpParams params) {
        this.params = params;
        this.erto = params.initialErtoMillis();
    }

    public void onSample(long rttMillis) {
        if (rttMillis < 0) {
            return;
        }
        if (smoothedRtt < 0) {
            smoothedRtt = rttMillis;
            rttVariance = rttMillis / 2.0;
        } else {
            rttVariance = 0.75 * rttVariance + 0.25 * Math.abs(smoothedRtt - rttMillis);
            smoothedRtt = 0.875 * smoothedRtt + 0.125 * rttMillis;
        }
        erto = clamp(Math.round(smoothedRtt + 4 * rttVariance));
    }

    /** After a retransmission timeout the next one waits longer. */
    public void backOff() {
        erto = clamp(Math.round(erto * params.ertoBackoffFactor()));
    }

    public long ertoMillis() {
        return erto;
    }

    /** The smoothed RTT, or -1 before the first sample. */
    public long smoothedRttMillis() {
        return Math.round(smoothedRtt);
    }

    private long clamp(long value) {
        return Math.max(params.minimumErtoMillis(), Math.min(params.maximumErtoMillis(), value));
    }
}
