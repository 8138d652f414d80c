package org.webp2p.protocol.pingback;

import org.webp2p.protocol.Require;

/** Pingback's {@code 202 Accepted} answer: how many beacons of the batch it took (all of them). */
public record BeaconsAccepted(int accepted) {
    public BeaconsAccepted {
        Require.that(accepted > 0, "accepted counts at least one beacon");
    }
}
