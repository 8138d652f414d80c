package org.webp2p.nat.stun;

/** A datagram that is not a valid STUN message; {@link #reason()} says why. */
public final class MalformedStunException extends Exception {
    private static final long serialVersionUID = 1L;

    private final DropReason reason;

    public MalformedStunException(DropReason reason, String detail) {
        // No stack trace: this is an expected outcome for every garbage datagram, not a bug.
        super(reason + ": " + detail, null, false, false);
        this.reason = reason;
    }

    /** The reason, for counting. */
    public DropReason reason() {
        return reason;
    }
}
