package org.webp2p.protocol.admin;

import java.util.Objects;
import org.webp2p.nat.NatType;

/** Peer connection attempts from peers of one NAT type to peers of another, and how many worked. */
public record NatPairStat(NatType local, NatType remote, long attempts, long successes) {
    public NatPairStat {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
    }

    public double successRatio() {
        return attempts == 0 ? 0 : (double) successes / attempts;
    }
}
