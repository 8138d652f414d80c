package org.webp2p.sdk.sim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.webp2p.nat.NatType;
import org.webp2p.sdk.diagnostics.PeerFailureReason;
import org.webp2p.sdk.peer.ConnectionAttempt;

/**
 * What a simulated swarm experienced and the conditions it ran under; field names are the keys of
 * {@code --json}.
 *
 * @param stream            the stream played
 * @param network           the network profile every peer's links ran under ({@code lan}: loopback speed,
 *                          no loss, no added latency)
 * @param streamBitrateKbps the media bitrate the peers received, measured from the segments
 * @param peers             peers playing at any time (churn replaces them; {@code peersStarted} counts all)
 * @param churnPerMinute    share of the peers replaced each minute (0.1 = 10%)
 * @param offloadRatio      peer bytes over all bytes received; origin bytes include playlists, init
 *                          segments and every response's headers
 * @param stallRatio        time stalled over time played
 * @param startupP50Ms      startup from the session request to the first frame (the first segment and the
 *                          player's minimum buffer on hand), over the peers that started and those that
 *                          never did counted as timeouts
 * @param liveLatencyP50Ms  how far behind live the peers played as they left, the median over those it
 *                          could be told of (the encoder-to-screen delay; -1 when none)
 * @param peersNeverStarted peers that showed no frame, each with the reason
 * @param natSuccess        peer connections made over tried, by pair {@code LOCAL->REMOTE}; a session
 *                          the far peer refused counts as tried, not made
 * @param originBytes       everything the peers took from the origin over HTTP, headers included
 * @param durationMs        how long the swarm played, in ms
 * @param warmupMs          how long as many viewers played before it, uncounted, while the JIT compiled
 *                          the code they share ({@link SwarmSimulator#warmup}); 0 without a warm-up
 * @param peerFailures      failed or dropped peer connections, by reason (CORRUPT: a peer sent bad data)
 * @param fallbacks         segments fetched over HTTP rather than from a peer, by reason
 * @param sameNat           attempts between peers behind one NAT (a {@code --nat-groups} group), from
 *                          each peer's recent attempts
 * @param crossNatCone      attempts between peers behind two different cone NATs (full, restricted or
 *                          port-restricted), likewise: what same-NAT attempts are measured against
 * @param attempts          every peer's recent connection attempts (up to 32 each), with how they ended
 * @param natTypes          every peer's NAT type, by peer ID
 * @param byLinkClass       the same figures for the viewers of each class of access link
 *                          ({@code broadband}, {@code mobile}; {@code lan} when nothing is shaped)
 * @param baseline          the same number of peers playing over HTTP alone at the same time, with
 *                          {@code --baseline}; null otherwise
 */
public record SimulationReport(String stream, String network, double streamBitrateKbps, int peers,
                               double churnPerMinute, int peersStarted, int peersAtEnd, double offloadRatio, int stalls,
                               long stallMs, double stallRatio, long startupP50Ms, long startupP95Ms,
                               long liveLatencyP50Ms, List<NeverStarted> peersNeverStarted,
                               Map<String, Double> natSuccess, long originBytes, long p2pBytes, long durationMs,
                               long warmupMs,
                               Map<String, Long> peerFailures, Map<String, Long> fallbacks, Tally sameNat,
                               Tally crossNatCone, List<Attempt> attempts, Map<String, NatType> natTypes,
                               Map<String, LinkClassFigures> byLinkClass, @Nullable Baseline baseline) {
    public SimulationReport {
        peersNeverStarted = List.copyOf(peersNeverStarted);
        byLinkClass = Collections.unmodifiableMap(new LinkedHashMap<>(byLinkClass));
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

    /**
     * What the HTTP-only viewers of the same run experienced, to set the swarm's figures against.
     *
     * @param timing whether they played beside the swarm or after it
     */
    public record Baseline(int stalls, long stallMs, double stallRatio, long startupP50Ms, long startupP95Ms,
                           long liveLatencyP50Ms, long originBytes, Map<String, LinkClassFigures> byLinkClass,
                           BaselineTiming timing) {
        public Baseline {
            byLinkClass = Collections.unmodifiableMap(new LinkedHashMap<>(byLinkClass));
        }
    }

    /**
     * What the viewers on one class of access link experienced, counted as the totals are.
     *
     * @param peers     viewers started on such links
     * @param fallbacks their segments fetched over HTTP rather than from a peer, by reason
     */
    public record LinkClassFigures(int peers, double offloadRatio, int stalls, long stallMs, double stallRatio,
                                   long startupP50Ms, long startupP95Ms, long liveLatencyP50Ms, long originBytes,
                                   long p2pBytes, Map<String, Long> fallbacks) {
        public LinkClassFigures {
            fallbacks = Collections.unmodifiableMap(new TreeMap<>(fallbacks));
        }
    }

    /**
     * When a baseline's HTTP-only viewers play. Beside the swarm they share its moment and its load on
     * the machine; after it, its links and churn but not its load, so a machine carrying the swarm
     * alone can still compare it with HTTP alone.
     */
    public enum BaselineTiming {
        TOGETHER, AFTER
    }
}
