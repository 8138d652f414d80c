package org.webp2p.sdk.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.webp2p.sdk.peer.ConnectionTotals;

/**
 * The sums of one group of viewers (the swarm, or the HTTP-only baseline): bytes, stalls, startup
 * percentiles with the viewers that never started counted as timeouts, NAT success by pair. Pure:
 * it sees only {@link PeerOutcome}s. Not thread-safe.
 */
final class GroupFigures {
    private final List<PeerOutcome> outcomes = new ArrayList<>();

    void add(PeerOutcome o) {
        outcomes.add(o);
    }

    long originBytes() {
        return outcomes.stream().mapToLong(PeerOutcome::httpBytes).sum();
    }

    long p2pBytes() {
        return outcomes.stream().mapToLong(PeerOutcome::p2pBytes).sum();
    }

    /** Peer bytes over all bytes received, origin bytes with their playlists and headers included. */
    double offloadRatio() {
        long all = originBytes() + p2pBytes();
        return all == 0 ? 0 : (double) p2pBytes() / all;
    }

    int stalls() {
        return outcomes.stream().mapToInt(o -> o.stats().stalls()).sum();
    }

    long stallMs() {
        return outcomes.stream().mapToLong(o -> o.stats().stallMs()).sum();
    }

    /** Time stalled over time played, as pingback computes it; 0 before anything played. */
    double stallRatio() {
        long played = outcomes.stream().mapToLong(o -> o.stats().playedMs()).sum();
        return played == 0 ? 0 : (double) stallMs() / played;
    }

    /**
     * The {@code p}th percentile of startup, over the viewers that started and those counted as
     * timeouts (see {@link NeverStarted#countedAsTimeout}); -1 with neither.
     */
    long startupPercentile(int p) {
        return percentile(p, LongStream.concat(
                outcomes.stream().mapToLong(o -> o.stats().startupMs()).filter(v -> v >= 0),
                neverStarted().stream().filter(NeverStarted::countedAsTimeout)
                        .mapToLong(NeverStarted::timeoutSampleMs)));
    }

    /**
     * The median of how far behind live the viewers played as they left, over those for whom it could
     * be told; -1 with none. What a deeper start buys peers in time it costs in delay, and this shows it.
     */
    long liveLatencyP50Ms() {
        return percentile(50, outcomes.stream().mapToLong(PeerOutcome::liveLatencyMs).filter(v -> v >= 0));
    }

    /** The nearest-rank {@code p}th percentile; -1 of no values. */
    private static long percentile(int p, LongStream values) {
        long[] sorted = values.sorted().toArray();
        if (sorted.length == 0) {
            return -1;
        }
        return sorted[Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    List<NeverStarted> neverStarted() {
        return outcomes.stream().map(PeerOutcome::neverStarted).filter(Objects::nonNull).toList();
    }

    /** The media bitrate the viewers received, averaged over those that received any; 0 if none did. */
    double streamBitrateKbps() {
        return outcomes.stream().mapToDouble(PeerOutcome::mediaKbps).filter(k -> k > 0).average().orElse(0);
    }

    /** Peer connections made over tried, by ordered pair {@code LOCAL->REMOTE}; refusals count as tried. */
    Map<String, Double> natSuccess() {
        Map<String, long[]> pairs = new TreeMap<>();
        for (PeerOutcome o : outcomes) {
            for (ConnectionTotals c : o.connections()) {
                long[] t = pairs.computeIfAbsent(o.nat() + "->" + c.remoteNat(), k -> new long[2]);
                t[0] += c.attempts();
                t[1] += c.successes();
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        pairs.forEach((pair, t) -> out.put(pair, t[0] == 0 ? 0 : (double) t[1] / t[0]));
        return out;
    }

    Map<String, Long> peerFailures() {
        return counts(outcomes.stream().flatMap(o -> o.peerFailures().stream()).toList());
    }

    Map<String, Long> fallbacks() {
        return counts(outcomes.stream().flatMap(o -> o.fallbacks().stream()).toList());
    }

    /** This group's figures as the HTTP-only baseline of a report. */
    SimulationReport.Baseline asBaseline(SimulationReport.BaselineTiming timing) {
        return new SimulationReport.Baseline(stalls(), stallMs(), stallRatio(), startupPercentile(50),
                startupPercentile(95), liveLatencyP50Ms(), originBytes(), byLinkClass(), timing);
    }

    /**
     * The figures of the viewers on each class of access link: a swarm's offload and stalls differ
     * between broadband and mobile viewers, and a total hides which of them P2P served.
     */
    Map<String, SimulationReport.LinkClassFigures> byLinkClass() {
        Map<String, GroupFigures> classes = new TreeMap<>();
        outcomes.forEach(o -> classes.computeIfAbsent(o.linkClass(), k -> new GroupFigures()).add(o));
        Map<String, SimulationReport.LinkClassFigures> out = new LinkedHashMap<>();
        classes.forEach((name, f) -> out.put(name, new SimulationReport.LinkClassFigures(f.outcomes.size(),
                f.offloadRatio(), f.stalls(), f.stallMs(), f.stallRatio(), f.startupPercentile(50),
                f.startupPercentile(95), f.liveLatencyP50Ms(), f.originBytes(), f.p2pBytes(), f.fallbacks())));
        return out;
    }

    private static Map<String, Long> counts(List<String> reasons) {
        Map<String, Long> out = new TreeMap<>();
        reasons.forEach(r -> out.merge(r, 1L, Long::sum));
        return out;
    }
}
