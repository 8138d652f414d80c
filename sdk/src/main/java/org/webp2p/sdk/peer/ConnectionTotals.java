package org.webp2p.sdk.peer;

import org.webp2p.nat.NatType;

/** Connections this client tried to peers behind one NAT type, and how many came up. */
public record ConnectionTotals(NatType remoteNat, long attempts, long successes) {
}
