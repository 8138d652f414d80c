package org.webp2p.sdk.peer;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.webp2p.nat.NatType;
import org.webp2p.sdk.diagnostics.PeerFailureReason;

/**
 * How many of this client's connection attempts to peers of one NAT type ended one way, since it
 * started: every attempt, also those no longer among the recent ones kept in detail.
 *
 * @param reason null unless the outcome is failed or refused
 */
public record AttemptCount(NatType remoteNat, ConnectionAttempt.Outcome outcome, @Nullable PeerFailureReason reason,
                           long count) {
    public AttemptCount {
        Objects.requireNonNull(remoteNat, "remoteNat");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** The same kind of attempt, without how many: what counts are kept and subtracted by. */
    public AttemptCount kind() {
        return new AttemptCount(remoteNat, outcome, reason, 0);
    }
}
