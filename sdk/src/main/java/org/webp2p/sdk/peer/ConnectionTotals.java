package org.webp2p.sdk.peer;

import org.webp2p.nat.NatType;

/**
 * Connections this client tried to peers behind one NAT type, how many came up, and how many of
 * those came up directly on the far peer's local address (a LAN link: both behind one NAT).
 */
public record ConnectionTotals(NatType remoteNat, long attempts, long successes, long lanSuccesses) {
    /** Counts without LAN links. */
    public ConnectionTotals(NatType remoteNat, long attempts, long successes) {
        this(remoteNat, attempts, successes, 0);
    }

    /** All counts added, for the same NAT type. */
    public ConnectionTotals plus(ConnectionTotals more) {
        return new ConnectionTotals(remoteNat, attempts + more.attempts, successes + more.successes,
                lanSuccesses + more.lanSuccesses);
    }
}
