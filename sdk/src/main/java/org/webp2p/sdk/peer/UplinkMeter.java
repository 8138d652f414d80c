package org.webp2p.sdk.peer;

/**
 * What this client's uplink has carried while it had chunks to send: bytes acknowledged per
 * millisecond of time with at least one chunk unacknowledged, averaged over samples of about a
 * second each. Time with nothing in flight (no requests, or the budget pausing) does not count, so
 * the figure is what the link can carry rather than what was asked of it. Pure: the caller passes
 * the clock.
 */
final class UplinkMeter {
    /** Busy time per sample: long enough to span a few round trips on a slow link. */
    static final long SAMPLE_MS = 1_000;
    /** Weight of the newest sample; about the last four count. */
    private static final double GAIN = 0.25;

    private int inFlight;
    private long busySince = -1;
    private long busyMs;
    private long ackedBytes;
    private double bytesPerMs = -1;

    /** A chunk handed to a link. */
    void sent(long nowMs) {
        if (inFlight++ == 0) {
            busySince = nowMs;
        }
    }

    /** A chunk acknowledged ({@code bytes}) or lost with its link ({@code 0}). */
    void acked(long bytes, long nowMs) {
        if (inFlight == 0) {
            return;
        }
        ackedBytes += bytes;
        if (--inFlight == 0) {
            busyMs += nowMs - busySince;
            busySince = -1;
        }
        long busy = busyMs + (inFlight > 0 ? nowMs - busySince : 0);
        if (busy >= SAMPLE_MS) {
            double rate = ackedBytes / (double) busy;
            bytesPerMs = bytesPerMs < 0 ? rate : bytesPerMs + GAIN * (rate - bytesPerMs);
            ackedBytes = 0;
            busyMs = 0;
            busySince = inFlight > 0 ? nowMs : -1;
        }
    }

    /** The measured rate in kbit/s, or -1 before a second of uploading has been measured. */
    double kbps() {
        return bytesPerMs < 0 ? -1 : bytesPerMs * 8;
    }
}
