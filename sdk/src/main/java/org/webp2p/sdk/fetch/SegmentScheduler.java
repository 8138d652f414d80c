package org.webp2p.sdk.fetch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.webp2p.sdk.playback.Playback;

/**
 * Decides where each segment comes from so that playback never waits on a peer.
 *
 * <p>Segments needed within the urgent window come from HTTP at once. Segments further ahead (up
 * to the prefetch window) are asked of peers, rarest first and then earliest needed, each with a
 * deadline: the moment it would enter the urgent window. A segment one peer would not deliver well
 * before its deadline is split among several holders ({@link SegmentSplit}); a part that falls
 * behind is handed, from where it stopped, to another holder that would finish it in time. Parts
 * still running at the deadline are cancelled and what is missing fetched over HTTP, so a slow
 * peer costs bandwidth, never a stall. Pure and single-threaded: its owner feeds it events and a
 * clock reading, and carries out the actions it returns.
 */
public final class SegmentScheduler {
    private enum State { HTTP, PEER, DONE }

    /**
     * How long a peer that refused as busy is not asked: a few round trips. Asking again costs one
     * small message; a slot that frees while nobody asks wastes the uplink the swarm needs.
     */
    static final long BUSY_BACKOFF_MS = 500;

    /**
     * A part is judged late no sooner than this into its transfer, nor than a quarter of the time it
     * had: the first bytes wait a round trip and the peer's other uploads, and a verdict from them
     * would move parts that were about to flow.
     */
    static final long JUDGE_AFTER_MS = 500;

    /** Bytes {@code from} to {@code end} ({@link FetchAction.FromPeer#TO_END}: to the segment's end) from one peer. */
    private static final class Part {
        /** Null while the part waits for a peer, after the one it had failed. */
        String peer;
        int from;
        final int end;
        long startedAt;
        long received;

        Part(String peer, int from, int end, long startedAt) {
            this.peer = peer;
            this.from = from;
            this.end = end;
            this.startedAt = startedAt;
        }

        long length(long segmentBytes) {
            return (end == FetchAction.FromPeer.TO_END ? segmentBytes : end) - from;
        }
    }

    private static final class Slot {
        State state;
        long deadline;
        /** Parts not yet delivered; finished ones leave. */
        final List<Part> parts = new ArrayList<>();
        /** Bytes of the segment finished parts and parts cut short delivered. */
        long delivered;
        /** When the HTTP fetch began, and whether peers delivered part of it: times whole HTTP fetches. */
        long startedAt = -1;
        boolean afterPeers;
    }

    private SchedulerSettings settings;
    private boolean p2p;
    private final TreeMap<Long, Slot> slots = new TreeMap<>();
    private final Map<Long, Set<String>> avoid = new HashMap<>();
    private final Map<Long, FallbackReason> lastFailure = new HashMap<>();
    /** Peers that refused as busy, until when they are not asked again. */
    private final Map<String, Long> busyUntil = new HashMap<>();
    private final Consumer<Fallback> fallbacks;
    private final SeedPolicy seeding;
    private final UrgentWindow urgent;
    private final Map<String, RateEstimate> rates = new HashMap<>();
    private final long salt;

    /** Whether this client fetches a segment that no peer holds from the origin now. */
    @FunctionalInterface
    public interface SeedPolicy {
        /** @param msBeforeUrgent how long until the segment would turn urgent and go to HTTP anyway */
        boolean seeds(long sequence, long msBeforeUrgent);
    }

    /** A segment that came from HTTP, and why; the SDK reports these. */
    public record Fallback(long sequence, FallbackReason reason) {
    }

    /** A scheduler that never seeds: segments nobody holds wait until urgent, then come over HTTP. */
    public SegmentScheduler(SchedulerSettings settings, boolean p2p, Consumer<Fallback> fallbacks) {
        this(settings, p2p, fallbacks, (sequence, msBeforeUrgent) -> false, 0);
    }

    /**
     * @param salt orders peers this scheduler knows nothing to tell apart; each client should pass
     *             its own (its peer ID's hash, say), so clients do not all pick the same peer first
     */
    public SegmentScheduler(SchedulerSettings settings, boolean p2p, Consumer<Fallback> fallbacks, SeedPolicy seeding,
                            long salt) {
        this.settings = settings;
        this.p2p = p2p;
        this.fallbacks = fallbacks;
        this.seeding = seeding;
        this.urgent = new UrgentWindow(settings.urgentMs());
        this.salt = salt;
    }

    /** The urgent window now: learned from this client's HTTP fetch times, at most the configured one. */
    public long urgentMs() {
        return urgent.ms();
    }

    /** The API's latest plan: P2P on or off and the prefetch window. */
    public void update(boolean p2pEnabled, int prefetchSegments) {
        this.p2p = p2pEnabled;
        this.settings = settings.withPrefetch(prefetchSegments);
    }

    /**
     * What to do now.
     *
     * @param liveEdge the newest segment the playlist lists; nothing past it is fetched
     */
    public List<FetchAction> plan(long nowMs, Playback player, long liveEdge, Availability availability) {
        List<FetchAction> actions = new ArrayList<>();
        long head = player.playhead();
        slots.headMap(head).clear();
        avoid.keySet().removeIf(s -> s < head);
        lastFailure.keySet().removeIf(s -> s < head);
        busyUntil.values().removeIf(until -> until <= nowMs);

        for (Map.Entry<Long, Slot> e : slots.entrySet()) {
            Slot slot = e.getValue();
            if (slot.state == State.PEER && nowMs >= slot.deadline) {
                boolean running = false;
                for (Part part : slot.parts) {
                    if (part.peer != null) {
                        cut(nowMs, e.getKey(), slot, part, actions);
                        running = true;
                    }
                }
                toHttp(nowMs, e.getKey(), slot, running ? FallbackReason.SLOW_PEER
                        : lastFailure.getOrDefault(e.getKey(), FallbackReason.SLOW_PEER), actions);
            }
        }
        Map<String, Integer> busy = new HashMap<>();
        slots.values().stream().filter(s -> s.state == State.PEER).flatMap(s -> s.parts.stream())
                .filter(p -> p.peer != null).forEach(p -> busy.merge(p.peer, 1, Integer::sum));
        for (Map.Entry<Long, Slot> e : slots.entrySet()) {
            if (e.getValue().state == State.PEER) {
                rescue(nowMs, e.getKey(), e.getValue(), availability, busy, actions);
            }
        }

        long urgentMs = urgent.ms();
        long last = Math.min(liveEdge, head + settings.prefetchSegments() - 1);
        List<Long> forPeers = new ArrayList<>();
        boolean started = player.started();
        for (long seq = head; seq <= last; seq++) {
            if (player.has(seq) || slots.containsKey(seq)) {
                continue;
            }
            long untilNeeded = player.msUntilNeeded(seq, settings.defaultDurationMs());
            if (untilNeeded <= urgentMs) {
                toHttp(nowMs, seq, new Slot(), urgentReason(seq, availability), actions);
            } else if (p2p && !started) {
                // Until the first frame the downlink is the startup's: copies and seeding would share it.
                continue;
            } else if (p2p && availability.holders(seq).isEmpty() && !avoid.containsKey(seq)
                    && seeding.seeds(seq, untilNeeded - urgentMs)) {
                toHttp(nowMs, seq, new Slot(), FallbackReason.SEEDING, actions);
            } else if (p2p) {
                forPeers.add(seq);
            }
        }
        assignPeers(nowMs, urgentMs, player, forPeers, availability, busy, actions);
        if (!p2p) {
            // Without peers a player simply reads ahead over HTTP, a segment or two at a time.
            for (long seq = head; seq <= last && httpBusy() < settings.httpInFlight(); seq++) {
                if (!player.has(seq) && !slots.containsKey(seq)) {
                    toHttp(nowMs, seq, new Slot(), FallbackReason.P2P_OFF, actions);
                }
            }
        }
        return actions;
    }

    private void assignPeers(long nowMs, long urgentMs, Playback player, List<Long> wanted, Availability availability,
                             Map<String, Integer> busy, List<FetchAction> actions) {
        Map<Long, List<String>> holders = new HashMap<>();
        for (long seq : wanted) {
            List<String> h = new ArrayList<>(availability.holders(seq));
            h.removeAll(avoid.getOrDefault(seq, Set.of()));
            holders.put(seq, h);
        }
        wanted.sort(Comparator.<Long>comparingInt(s -> holders.get(s).isEmpty() ? Integer.MAX_VALUE : holders.get(s).size())
                .thenComparingLong(s -> s));
        for (long seq : wanted) {
            List<SegmentSplit.Candidate> ranked = ranked(nowMs, holders.get(seq), busy);
            if (ranked.isEmpty()) {
                continue; // wait: a holder may appear, and if not it turns urgent and goes to HTTP
            }
            Slot slot = new Slot();
            slot.state = State.PEER;
            slot.deadline = nowMs + player.msUntilNeeded(seq, settings.defaultDurationMs()) - urgentMs;
            slots.put(seq, slot);
            for (SegmentSplit.Share share : SegmentSplit.of(availability.bytes(seq), slot.deadline - nowMs, ranked)) {
                int end = share.from() == 0 && share.end() == availability.bytes(seq) ? FetchAction.FromPeer.TO_END
                        : share.end();
                start(nowMs, seq, slot, new Part(share.peer(), share.from(), end, nowMs), busy, actions);
            }
        }
    }

    /**
     * Free holders by when they would deliver, soonest first: each one's measured rate shared with
     * what it already sends us. Ties (untried peers) go by a per-client order, not the peer ID's,
     * which would send every client in the swarm to the same peer first.
     */
    private List<SegmentSplit.Candidate> ranked(long nowMs, Collection<String> holders, Map<String, Integer> busy) {
        return holders.stream()
                .filter(p -> busy.getOrDefault(p, 0) < settings.perPeerInFlight())
                .filter(p -> busyUntil.getOrDefault(p, Long.MIN_VALUE) <= nowMs)
                .sorted(Comparator.<String>comparingDouble(p -> (busy.getOrDefault(p, 0) + 1) / rate(p).bytesPerMs())
                        .thenComparingInt(p -> busy.getOrDefault(p, 0))
                        .thenComparingLong(this::tieBreak))
                .map(p -> new SegmentSplit.Candidate(p, rate(p).bytesPerMs() / (busy.getOrDefault(p, 0) + 1)))
                .toList();
    }

    private void start(long nowMs, long seq, Slot slot, Part part, Map<String, Integer> busy,
                       List<FetchAction> actions) {
        slot.parts.add(part);
        busy.merge(part.peer, 1, Integer::sum);
        actions.add(new FetchAction.FromPeer(seq, part.peer, part.from, part.end, slot.deadline));
    }

    /**
     * Gives a part that waits for a peer, or one whose peer would not finish it by the deadline at the
     * pace it has kept, to the holders that would finish it soonest, if they would finish in time: the
     * bytes the slow peer delivered are kept and the new peers continue after them. What is left is
     * shared among several holders ({@link SegmentSplit}) when one alone would not finish it well in
     * time: on a lossy link every peer is slow alone, and a remainder handed to one of them was still
     * running at the deadline. Otherwise the part stays, and HTTP fetches what is missing at the
     * deadline.
     */
    private void rescue(long nowMs, long seq, Slot slot, Availability availability, Map<String, Integer> busy,
                        List<FetchAction> actions) {
        long segmentBytes = availability.bytes(seq);
        for (Part part : List.copyOf(slot.parts)) {
            if (part.peer != null && !late(nowMs, slot, part, segmentBytes)) {
                continue;
            }
            long remaining = part.length(segmentBytes) - part.received;
            Set<String> taken = new HashSet<>(avoid.getOrDefault(seq, Set.of()));
            slot.parts.forEach(p -> taken.add(p.peer));
            List<String> others = new ArrayList<>(availability.holders(seq));
            others.removeAll(taken);
            List<SegmentSplit.Candidate> ranked = ranked(nowMs, others, busy);
            if (ranked.isEmpty() || remaining <= 0) {
                continue;
            }
            long msLeft = slot.deadline - nowMs;
            List<SegmentSplit.Share> shares = SegmentSplit.of((int) remaining, msLeft, ranked);
            if (!inTime(shares, ranked, msLeft)) {
                continue;
            }
            int from = (int) (part.from + part.received);
            if (part.peer != null) {
                cut(nowMs, seq, slot, part, actions);
                avoid.computeIfAbsent(seq, k -> new HashSet<>()).add(part.peer);
                busy.merge(part.peer, -1, Integer::sum);
            }
            slot.parts.remove(part);
            for (SegmentSplit.Share share : shares) {
                int end = share.end() == remaining ? part.end : from + share.end();
                start(nowMs, seq, slot, new Part(share.peer(), from + share.from(), end, nowMs), busy, actions);
            }
        }
    }

    /** Whether every share, at its holder's measured rate, would arrive within {@code msLeft}. */
    private static boolean inTime(List<SegmentSplit.Share> shares, List<SegmentSplit.Candidate> ranked, long msLeft) {
        for (SegmentSplit.Share share : shares) {
            double rate = ranked.stream().filter(c -> c.peer().equals(share.peer())).findFirst().orElseThrow()
                    .bytesPerMs();
            if ((share.end() - share.from()) / rate > msLeft) {
                return false;
            }
        }
        return true;
    }

    /** Whether a part, at the pace its peer has kept so far, would miss the deadline. */
    private static boolean late(long nowMs, Slot slot, Part part, long segmentBytes) {
        long elapsed = nowMs - part.startedAt;
        if (segmentBytes <= 0 || elapsed < Math.max(JUDGE_AFTER_MS, (slot.deadline - part.startedAt) / 4)) {
            return false;
        }
        long remaining = part.length(segmentBytes) - part.received;
        return part.received == 0 || remaining * (double) elapsed / part.received > slot.deadline - nowMs;
    }

    /** Cancels a running part, keeping what it delivered, which also measures its peer. */
    private void cut(long nowMs, long seq, Slot slot, Part part, List<FetchAction> actions) {
        actions.add(new FetchAction.CancelPeer(seq, part.peer, part.from));
        rate(part.peer).sample(part.received, nowMs - part.startedAt);
        slot.delivered += part.received;
    }

    /** The most telling reason an urgent segment was not had from a peer. */
    private FallbackReason urgentReason(long seq, Availability availability) {
        if (!p2p) {
            return FallbackReason.P2P_OFF;
        }
        FallbackReason failed = lastFailure.get(seq);
        if (failed != null) {
            return failed;
        }
        Set<String> holders = new HashSet<>(availability.holders(seq));
        holders.removeAll(avoid.getOrDefault(seq, Set.of()));
        return holders.isEmpty() ? FallbackReason.NO_PEER_HAS_IT : FallbackReason.URGENT;
    }

    private RateEstimate rate(String peer) {
        return rates.computeIfAbsent(peer, p -> new RateEstimate());
    }

    /** A fixed order of peers that differs from client to client (a SplitMix64 step of salt and ID). */
    private long tieBreak(String peer) {
        long z = salt + peer.hashCode() * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private void toHttp(long nowMs, long seq, Slot slot, FallbackReason reason, List<FetchAction> actions) {
        slot.state = State.HTTP;
        slot.parts.clear();
        slot.startedAt = nowMs;
        slot.afterPeers = slot.delivered > 0;
        slots.put(seq, slot);
        actions.add(new FetchAction.FromHttp(seq, slot.delivered, reason));
        fallbacks.accept(new Fallback(seq, reason));
    }

    /** The running part {@code peer} delivers of a segment; null if none. */
    private Part partOf(Slot slot, String peer) {
        if (slot == null || slot.state != State.PEER) {
            return null;
        }
        return slot.parts.stream().filter(p -> peer.equals(p.peer)).findFirst().orElse(null);
    }

    private long httpBusy() {
        return slots.values().stream().filter(s -> s.state == State.HTTP).count();
    }

    /** Bytes of a segment's part have arrived from {@code peer}; a rescue or HTTP continues after them. */
    public void peerProgress(long seq, String peer, long bytesSoFar) {
        Part part = partOf(slots.get(seq), peer);
        if (part != null) {
            part.received = bytesSoFar;
        }
    }

    /**
     * The part {@code peer} delivered of a segment arrived whole, but the segment is not complete yet:
     * it ranks the peer and frees it for another request.
     */
    public void partArrived(long seq, String peer, long nowMs, long bytes) {
        Slot slot = slots.get(seq);
        Part part = partOf(slot, peer);
        if (part != null) {
            rate(peer).sample(bytes, nowMs - part.startedAt);
            slot.delivered += bytes;
            slot.parts.remove(part);
        }
    }

    /**
     * A segment of {@code bytes} arrived whole and checked, from wherever. Its fetch time teaches
     * the urgent window (a whole HTTP fetch) or ranks the peers whose parts completed it.
     */
    public void completed(long seq, long nowMs, long bytes) {
        Slot s = slots.computeIfAbsent(seq, k -> new Slot());
        if (s.state == State.HTTP && !s.afterPeers && s.startedAt >= 0) {
            urgent.fetched(nowMs - s.startedAt);
        } else if (s.state == State.PEER) {
            for (Part part : s.parts) {
                if (part.peer != null) {
                    rate(part.peer).sample(part.length(bytes), nowMs - part.startedAt);
                }
            }
        }
        s.parts.clear();
        s.state = State.DONE;
    }

    /**
     * A peer transfer failed. A segment nothing else was under way for is planned again (from another
     * peer, or from HTTP when time is short or nobody else has it); a part of a split segment waits
     * for another holder, or for HTTP at the deadline. A peer busy serving others is left alone for
     * {@link #BUSY_BACKOFF_MS}, then may be asked again; after any other failure it is never asked
     * for that segment again.
     */
    public void peerFailed(long seq, String peer, FallbackReason reason, long nowMs) {
        Slot s = slots.get(seq);
        Part part = partOf(s, peer);
        if (part == null) {
            return;
        }
        if (s.parts.size() == 1 && s.delivered == 0) {
            slots.remove(seq);
        } else {
            part.peer = null;
            part.received = 0;
        }
        if (reason == FallbackReason.PEER_BUSY) {
            busyUntil.put(peer, nowMs + BUSY_BACKOFF_MS);
        } else {
            avoid.computeIfAbsent(seq, k -> new HashSet<>()).add(peer);
        }
        lastFailure.put(seq, reason);
    }

    /**
     * A segment assembled from peers failed its digest and was thrown away: it is planned afresh,
     * never again from the peers that contributed to it.
     */
    public void discarded(long seq, Collection<String> contributors, FallbackReason reason) {
        slots.remove(seq);
        avoid.computeIfAbsent(seq, k -> new HashSet<>()).addAll(contributors);
        lastFailure.put(seq, reason);
    }

    /** An HTTP fetch failed; it is tried again at the next plan. */
    public void httpFailed(long seq) {
        Slot s = slots.get(seq);
        if (s != null && s.state == State.HTTP) {
            slots.remove(seq);
        }
    }
}
