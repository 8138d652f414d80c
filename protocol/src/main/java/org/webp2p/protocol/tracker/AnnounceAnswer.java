package org.webp2p.protocol.tracker;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.webp2p.nat.NatType;
import org.webp2p.protocol.Require;

/**
 * The tracker's answer to an announce: when to announce again, which peers to try, best first, and
 * how big the swarm is.
 *
 * @param interval  seconds until the next announce is due
 * @param swarmSize live peers in the swarm, the asker included: clients size their share of origin
 *                  fetches by it
 */
public record AnnounceAnswer(long interval, List<Peer> peers, int swarmSize) {
    public AnnounceAnswer {
        Require.that(interval >= 0, "interval must not be negative");
        peers = peers == null ? List.of() : List.copyOf(peers);
        Require.that(swarmSize >= 0, "swarmSize must not be negative");
    }

    /**
     * A peer the tracker offers.
     *
     * @param natType {@link NatType#UNKNOWN} when left out, or named in a version this one does not know
     * @param have    segments it holds, or null when it announced none
     * @param sameNat true (else left out) when its announces come from the asker's own public address:
     *                both are behind one NAT, which will not hairpin, so they meet on local addresses or not at all
     */
    public record Peer(String peerId, NatType natType, List<String> addresses, long position, @Nullable SegmentRange have,
                       int uploadKbps, @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean sameNat) {
        public Peer {
            Require.id(peerId, "peerId");
            natType = natType == null ? NatType.UNKNOWN : natType;
            addresses = addresses == null ? List.of() : List.copyOf(addresses);
        }

        /** A peer elsewhere than the asker. */
        public Peer(String peerId, NatType natType, List<String> addresses, long position, @Nullable SegmentRange have,
                    int uploadKbps) {
            this(peerId, natType, addresses, position, have, uploadKbps, false);
        }
    }
}
