package org.webp2p.server.pingback;

import org.webp2p.nat.NatType;

/** Peer connection attempts from peers of one NAT type to peers of another, and how many worked. */
public record NatPairStat(NatType local, NatType remote, long attempts, long successes) {
    public double successRatio() {
        return attempts == 0 ? 0 : (double) successes / attempts;
    }
}
