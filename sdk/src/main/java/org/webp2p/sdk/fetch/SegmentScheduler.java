package org.webp2p.sdk.fetch;

import java.util.ArrayList;
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
 * deadline: the moment it would enter the urgent window. A peer transfer still running at its
 * deadline is cancelled and the rest of the segment fetched over HTTP, so a slow peer costs
 * bandwidth, never a stall. Pure and single-threaded: its owner feeds it events and a clock
 * reading, and carries out the actions it returns.
 */
public final class SegmentScheduler {
    private enum State { HTTP, PEER, DONE }

    /**
     * How long a peer that refused as busy is not asked: a few round trips. Asking again costs one
     * small message; a slot that frees while nobody asks wastes the uplink the swarm needs.
     */
    static final long BUSY_BACKOFF_MS = 500;

    private static final class Slot {
        State state;
        String peer;
        long deadline;
        long bytesFromPeer;
        /** When the current fetch began, and from which byte: times whole HTTP fetches and peer transfers. */
        long startedAt = -1;
        long fromByte;
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
                actions.add(new FetchAction.CancelPeer(e.getKey(), slot.peer));
                rate(slot.peer).sample(slot.bytesFromPeer, nowMs - slot.startedAt);
                toHttp(nowMs, e.getKey(), slot, FallbackReason.SLOW_PEER, actions);
            }
        }

        long urgentMs = urgent.ms();
        long last = Math.min(liveEdge, head + settings.prefetchSegments() - 1);
        List<Long> forPeers = new ArrayList<>();
        for (long seq = head; seq <= last; seq++) {
            if (player.has(seq) || slots.containsKey(seq)) {
                continue;
            }
            long untilNeeded = player.msUntilNeeded(seq, settings.defaultDurationMs());
            if (untilNeeded <= urgentMs) {
                toHttp(nowMs, seq, new Slot(), urgentReason(seq, availability), actions);
            } else if (p2p && availability.holders(seq).isEmpty() && !avoid.containsKey(seq)
                    && seeding.seeds(seq, untilNeeded - urgentMs)) {
                toHttp(nowMs, seq, new Slot(), FallbackReason.SEEDING, actions);
            } else if (p2p) {
                forPeers.add(seq);
            }
        }
        assignPeers(nowMs, urgentMs, player, forPeers, availability, actions);
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
                             List<FetchAction> actions) {
        Map<Long, List<String>> holders = new HashMap<>();
        for (long seq : wanted) {
            List<String> h = new ArrayList<>(availability.holders(seq));
            h.removeAll(avoid.getOrDefault(seq, Set.of()));
            holders.put(seq, h);
        }
        wanted.sort(Comparator.<Long>comparingInt(s -> holders.get(s).isEmpty() ? Integer.MAX_VALUE : holders.get(s).size())
                .thenComparingLong(s -> s));
        Map<String, Integer> busy = new HashMap<>();
        slots.values().stream().filter(s -> s.state == State.PEER).forEach(s -> busy.merge(s.peer, 1, Integer::sum));
        for (long seq : wanted) {
            // The holder that would deliver soonest: its measured rate shared with what it already
            // sends us. Ties (untried peers) go by a per-client order, not the peer ID's, which would
            // send every client in the swarm to the same peer first.
            String peer = holders.get(seq).stream()
                    .filter(p -> busy.getOrDefault(p, 0) < settings.perPeerInFlight())
                    .filter(p -> busyUntil.getOrDefault(p, Long.MIN_VALUE) <= nowMs)
                    .min(Comparator.<String>comparingDouble(p -> (busy.getOrDefault(p, 0) + 1) / rate(p).bytesPerMs())
                            .thenComparingInt(p -> busy.getOrDefault(p, 0))
                            .thenComparingLong(this::tieBreak))
                    .orElse(null);
            if (peer == null) {
                continue; // wait: a holder may appear, and if not it turns urgent and goes to HTTP
            }
            Slot slot = new Slot();
            slot.state = State.PEER;
            slot.peer = peer;
            slot.startedAt = nowMs;
            slot.deadline = nowMs + player.msUntilNeeded(seq, settings.defaultDurationMs()) - urgentMs;
            slots.put(seq, slot);
            busy.merge(peer, 1, Integer::sum);
            actions.add(new FetchAction.FromPeer(seq, peer, slot.deadline));
        }
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
        long from = slot.state == State.PEER ? slot.bytesFromPeer : 0;
        slot.state = State.HTTP;
        slot.peer = null;
        slot.startedAt = nowMs;
        slot.fromByte = from;
        slots.put(seq, slot);
        actions.add(new FetchAction.FromHttp(seq, from, reason));
        fallbacks.accept(new Fallback(seq, reason));
    }

    private long httpBusy() {
        return slots.values().stream().filter(s -> s.state == State.HTTP).count();
    }

    /** Bytes of a segment have arrived from its peer; an HTTP fallback continues after them. */
    public void peerProgress(long seq, long bytesSoFar) {
        Slot s = slots.get(seq);
        if (s != null && s.state == State.PEER) {
            s.bytesFromPeer = bytesSoFar;
        }
    }

    /**
     * A segment of {@code bytes} arrived whole and checked, from wherever. Its fetch time teaches
     * the urgent window (a whole HTTP fetch) or ranks its peer.
     */
    public void completed(long seq, long nowMs, long bytes) {
        Slot s = slots.computeIfAbsent(seq, k -> new Slot());
        if (s.state == State.HTTP && s.fromByte == 0 && s.startedAt >= 0) {
            urgent.fetched(nowMs - s.startedAt);
        } else if (s.state == State.PEER && s.startedAt >= 0) {
            rate(s.peer).sample(bytes, nowMs - s.startedAt);
        }
        s.state = State.DONE;
    }

    /**
     * A peer transfer failed; the segment is planned again (from another peer, or from HTTP when
     * time is short or nobody else has it). A peer busy serving others is left alone for
     * {@link #BUSY_BACKOFF_MS}, then may be asked again; after any other failure it is never asked
     * for that segment again.
     */
    public void peerFailed(long seq, String peer, FallbackReason reason, long nowMs) {
        Slot s = slots.get(seq);
        if (s == null || s.state != State.PEER || !peer.equals(s.peer)) {
            return;
        }
        slots.remove(seq);
        if (reason == FallbackReason.PEER_BUSY) {
            busyUntil.put(peer, nowMs + BUSY_BACKOFF_MS);
        } else {
            avoid.computeIfAbsent(seq, k -> new HashSet<>()).add(peer);
        }
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
