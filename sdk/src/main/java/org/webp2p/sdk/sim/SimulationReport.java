package org.webp2p.sdk.sim;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.webp2p.nat.NatType;
import org.webp2p.sdk.diagnostics.PeerFailureReason;
import org.webp2p.sdk.peer.ConnectionAttempt;

/**
 * What a simulated swarm experienced; field names are the keys of {@code --json}.
 *
 * @param natSuccess   peer connection successes over attempts, by pair {@code LOCAL->REMOTE}
 * @param peerFailures failed or dropped peer connections, by reason (CORRUPT: a peer sent bad data)
 * @param fallbacks    segments fetched over HTTP rather than from a peer, by reason
 * @param sameNat      attempts between peers behind one NAT (a {@code --nat-groups} group), from
 *                     each peer's recent attempts
 * @param crossNatCone attempts between peers behind two different cone NATs (full, restricted or
 *                     port-restricted), likewise: what same-NAT attempts are measured against
 * @param attempts     every peer's recent connection attempts (up to 32 each), with how they ended
 * @param natTypes     every peer's NAT type, by peer ID
 */
public record SimulationReport(int peersStarted, int peersAtEnd, double offloadRatio, int stalls, long stallMs,
                               long startupP50Ms, long startupP95Ms, Map<String, Double> natSuccess,
                               long originBytes, long p2pBytes, long durationMs, Map<String, Long> peerFailures,
                               Map<String, Long> fallbacks, Tally sameNat, Tally crossNatCone, List<Attempt> attempts,
                               Map<String, NatType> natTypes) {
    public SimulationReport {
        attempts = List.copyOf(attempts);
        natTypes = Map.copyOf(natTypes);
    }

    /**
     * Connection attempts of one kind and how they ended.
     *
     * @param lan successes made directly on a local address
     */
    public record Tally(long attempts, long successes, long lan) {
        /** Successes over attempts; 0 when none were tried. */
        public double successRatio() {
            return attempts == 0 ? 0 : (double) successes / attempts;
        }
    }

    /**
     * One peer's attempt to connect to another.
     *
     * @param sameNat whether the tracker saw both come from one public address
     * @param reason  why it failed; null when it did not
     */
    public record Attempt(String peerId, NatType natType, String farPeerId, NatType farNatType, boolean sameNat,
                          ConnectionAttempt.Outcome outcome, @Nullable PeerFailureReason reason) {
    }
}
