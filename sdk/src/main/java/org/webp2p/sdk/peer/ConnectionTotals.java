package org.webp2p.sdk.peer;

/** Connections this client tried to peers behind one NAT type, and how many came up. */
public record ConnectionTotals(String remoteNat, long attempts, long successes) {
    /** These totals with {@code more} of the same NAT type's attempts and successes added. */
    public ConnectionTotals plus(ConnectionTotals more) {
        return new ConnectionTotals(remoteNat, attempts + more.attempts, successes + more.successes);
    }
}
