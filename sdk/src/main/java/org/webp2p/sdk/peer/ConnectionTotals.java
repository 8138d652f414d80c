package org.webp2p.sdk.peer;

/** Connections this client tried to peers behind one NAT type, and how many came up. */
public record ConnectionTotals(String remoteNat, long attempts, long successes) {
}
