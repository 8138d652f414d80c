package org.webp2p.rtmfp.flow;

import org.webp2p.rtmfp.RtmfpParams;

/**
 * Smoothed round-trip time and the effective retransmission timeout (RFC 7016 §3.5.2.2, which
 * follows RFC 6298): ERTO = SRTT + max(G, 4 RTTVAR) + the far end's delayed-ack time, within bounds,
 * backed off on timeout.
 *
 * <p>Why the delayed ack is added: RTMFP's samples come from timestamp echoes, which the far end
 * advances by the time it held the packet, so they measure the path alone. An acknowledgement can
 * still come that much later: a lone packet, a small message between two copies of a segment, is
 * acknowledged only when the far end's delayed-ack timer runs out (200 ms). Without the allowance
 * the timeout was 250 ms on any path under about 50 ms, and on a path of 50 ms or more it fired
 * before that acknowledgement could come: a spurious timeout that collapsed the congestion window
 * to two packets, so the next segment copy on the session began in slow start from there.
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
        // RFC 6298 §2.3: the variance term is at least the clock's granularity, here the timer tick
        // that both the far end's delayed ack and this timeout wait on.
        erto = clamp(Math.round(smoothedRtt + Math.max(params.timerTickMillis(), 4 * rttVariance))
                + params.delayedAckMillis());
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
