package org.webp2p.protocol.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import org.webp2p.nat.NatType;

/**
 * Peer connection attempts from peers of one NAT type to peers of another, how many worked, and how
 * many of those were LAN links: both peers behind one NAT, met on the far one's local address.
 */
public record NatPairStat(NatType local, NatType remote, long attempts, long successes,
                          @JsonInclude(JsonInclude.Include.NON_DEFAULT) long lan) {
    public NatPairStat {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
    }

    /** A pair with no LAN links. */
    public NatPairStat(NatType local, NatType remote, long attempts, long successes) {
        this(local, remote, attempts, successes, 0);
    }

    public double successRatio() {
        return attempts == 0 ? 0 : (double) successes / attempts;
    }
}
