package org.webp2p.protocol.admin;

import java.time.Instant;
import java.util.Objects;
import org.webp2p.nat.NatType;

/** Connection attempts from peers of one NAT type to peers of another over one step of a history. */
public record NatPairPoint(Instant start, NatType local, NatType remote, long attempts, long successes) {
    public NatPairPoint {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
    }

    public double successRatio() {
        return attempts == 0 ? 0 : (double) successes / attempts;
    }
}
