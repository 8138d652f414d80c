package org.webp2p.sdk.peer;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.webp2p.nat.NatType;
import org.webp2p.sdk.diagnostics.PeerFailureReason;

/**
 * One attempt of this client to connect to a peer the tracker offered, and how it ended.
 *
 * @param remoteNat  the far peer's NAT type as the tracker listed it
 * @param sameNat    whether the tracker saw both peers come from one public address (one NAT)
 * @param outcome    how it ended
 * @param reason     why it failed or was refused; null unless {@code outcome} is {@link Outcome#FAILED}
 *                   or {@link Outcome#REFUSED}
 * @param atMs       when it ended, in the client's clock
 * @param sequence   its place among this client's attempts, from 1 up in the order they ended: unlike
 *                   {@code atMs}, no two attempts share one, so beacons tell by it which were sent
 */
public record ConnectionAttempt(String peerId, NatType remoteNat, boolean sameNat, Outcome outcome,
                                @Nullable PeerFailureReason reason, long atMs, long sequence) {
    /** How an attempt ended. */
    public enum Outcome {
        /** A session came up through the NATs (on a public address). */
        CONNECTED,
        /** A session came up directly on a local address the peer announced: both behind one NAT. */
        LAN,
        /** No session. */
        FAILED,
        /** A session came up and was closed before the peers greeted: one side would not link. */
        REFUSED;

        /** Whether the peers linked. */
        public boolean linked() {
            return this == CONNECTED || this == LAN;
        }
    }

    public ConnectionAttempt {
        Objects.requireNonNull(peerId, "peerId");
        Objects.requireNonNull(remoteNat, "remoteNat");
        Objects.requireNonNull(outcome, "outcome");
        if (outcome.linked() == (reason != null)) {
            throw new IllegalArgumentException("a reason goes with a failed or refused attempt, and only with one");
        }
        if (sequence < 1) {
            throw new IllegalArgumentException("an attempt's sequence starts at 1");
        }
    }
}
