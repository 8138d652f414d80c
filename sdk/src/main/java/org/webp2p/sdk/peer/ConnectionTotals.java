package org.webp2p.sdk.peer;

import org.webp2p.nat.NatType;

/** Connections this client tried to peers behind one NAT type, and how many came up. */
public record ConnectionTotals(NatType remoteNat, long attempts, long successes) {
    /** Both counts added, for the same NAT type. */
    public ConnectionTotals plus(ConnectionTotals more) {
        return new ConnectionTotals(remoteNat, attempts + more.attempts, successes + more.successes);
    }
}
