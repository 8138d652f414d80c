package org.webp2p.rtmfp.session;

/** Session lifecycle after the handshake (RFC 7016 §3.5.5). */
public enum SessionState {
    /** Open: flows run. */
    OPEN,
    /** We asked to close and wait for the acknowledgement. */
    NEAR_CLOSING,
    /** The far end closed; we linger to acknowledge its retransmitted close requests. */
    FAR_CLOSED,
    /** Gone. */
    CLOSED
}
