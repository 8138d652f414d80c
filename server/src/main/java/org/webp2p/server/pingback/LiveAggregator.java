package org.webp2p.server.pingback;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.webp2p.nat.NatType;
import org.webp2p.protocol.ClientKind;
import org.webp2p.protocol.admin.ClientFigures;
import org.webp2p.protocol.admin.LiveSession;
import org.webp2p.protocol.admin.NatPairStat;
import org.webp2p.protocol.admin.PeerLink;
import org.webp2p.protocol.admin.SwarmFigures;
import org.webp2p.protocol.pingback.Beacon;

/**
 * Per-swarm and global figures over a sliding window, kept in fixed-width time buckets so adding a
 * beacon and reading figures are both cheap and old data falls away without a sweep. Also remembers
 * each session's recent stalls, which the scheduler reads to lower a struggling client's prefetch.
 */
public final class LiveAggregator {
    public static final String ALL = SwarmFigures.ALL_SWARMS;
    /** Startup samples kept per bucket; beyond it a bucket keeps an even sample of them. */
    private static final int MAX_STARTUP_SAMPLES = 512;

    private final Clock clock;
    private final long windowMs;
    private final long bucketMs;
    private final Map<String, Series> swarms = new HashMap<>();
    private final Series global = new Series();
    private final Map<String, SessionHealth> sessions = new HashMap<>();

    /**
     * What the scheduler needs to know about one client, what kind of client it is, and the bytes its
     * beacons reported while it stayed live (the console's Peers page shows them beside the peer).
     */
    public record SessionHealth(String sessionId, @Nullable String peerId, String swarm, ClientKind client,
                                Instant lastBeacon, long stallsInWindow, long stallMsInWindow, long bufferMs,
                                long httpBytes, long p2pBytes, long uploadedBytes) {
        /** As the node's state shows it. */
        public LiveSession live() {
            return new LiveSession(sessionId, peerId, swarm, client, httpBytes, p2pBytes, uploadedBytes, lastBeacon);
        }
    }

    public LiveAggregator(Clock clock, Duration window, Duration bucket) {
        if (bucket.isZero() || bucket.isNegative() || window.compareTo(bucket) < 0) {
            throw new IllegalArgumentException("need 0 < bucket <= window");
        }
        this.clock = clock;
        this.windowMs = window.toMillis();
        this.bucketMs = bucket.toMillis();
    }

    /** A beacon with when its session began, as its ticket says. */
    record Ticketed(Beacon beacon, Instant sessionStart) {
    }

    /** What became of a batch offered to {@link #admit}; {@code reason} says why an implausible one was refused. */
    record Admission(Verdict verdict, String reason) {
        enum Verdict { ADDED, IMPLAUSIBLE, NOT_STORED }
    }

    /**
     * Adds a batch, all or none, if every beacon is plausible over the time since its session was last
     * heard (its previous beacon in the window, else the start of the session) and {@code store} takes
     * it too. One lock around the check and the adding, so two requests of one session at once cannot
     * both claim the same interval.
     */
    synchronized Admission admit(List<Ticketed> batch, Plausibility plausibility, BooleanSupplier store) {
        long now = clock.millis();
        Map<String, Long> heard = new HashMap<>();
        for (Ticketed t : batch) {
            Beacon b = t.beacon();
            long since = heard.computeIfAbsent(b.sessionId(), id -> lastHeard(id, now)
                    .orElse(t.sessionStart().toEpochMilli()));
            Optional<String> why = plausibility.check(b, now - since);
            if (why.isPresent()) {
                return new Admission(Admission.Verdict.IMPLAUSIBLE, why.get());
            }
            heard.put(b.sessionId(), now);
        }
        if (!store.getAsBoolean()) {
            return new Admission(Admission.Verdict.NOT_STORED, "");
        }
        batch.forEach(t -> add(t.beacon()));
        return new Admission(Admission.Verdict.ADDED, "");
    }

    private Optional<Long> lastHeard(String sessionId, long now) {
        SessionHealth h = sessions.get(sessionId);
        return h == null || now - h.lastBeacon().toEpochMilli() > windowMs ? Optional.empty()
                : Optional.of(h.lastBeacon().toEpochMilli());
    }

    public synchronized void add(Beacon b) {
        long now = clock.millis();
        long start = now - Math.floorMod(now, bucketMs);
        global.bucket(start).add(b);
        swarms.computeIfAbsent(b.swarm(), s -> new Series()).bucket(start).add(b);

        SessionHealth old = sessions.get(b.sessionId());
        boolean fresh = old != null && now - old.lastBeacon().toEpochMilli() <= windowMs;
        // A beacon without a peer id (sent before the client had one) keeps the one already known.
        String peerId = b.peerId() != null ? b.peerId() : fresh ? old.peerId() : null;
        sessions.put(b.sessionId(), new SessionHealth(b.sessionId(), peerId, b.swarm(), b.clientKind(),
                Instant.ofEpochMilli(now), Saturating.add(fresh ? old.stallsInWindow() : 0, b.stalls()),
                Saturating.add(fresh ? old.stallMsInWindow() : 0, b.stallMs()), b.bufferMs(),
                Saturating.add(fresh ? old.httpBytes() : 0, b.httpBytes()),
                Saturating.add(fresh ? old.p2pBytes() : 0, b.p2pBytes()),
                Saturating.add(fresh ? old.uploadedBytes() : 0, b.uploadedBytes())));
    }

    /** Figures of one swarm, or of every swarm together for {@link #ALL}. */
    public synchronized SwarmFigures figures(String swarm) {
        prune();
        Series s = ALL.equals(swarm) ? global : swarms.get(swarm);
        return (s == null ? new Series() : s).figures(swarm);
    }

    /** Figures of every swarm with data in the window, busiest first. */
    public synchronized List<SwarmFigures> swarms() {
        prune();
        List<SwarmFigures> out = new ArrayList<>();
        swarms.forEach((name, s) -> out.add(s.figures(name)));
        out.sort(Comparator.comparingInt(SwarmFigures::sessions).reversed().thenComparing(SwarmFigures::swarm));
        return out;
    }

    /**
     * Live links between peers of one swarm that both beaconed in the window, heaviest first. Each
     * direction of a link counts the larger of what its sender and its receiver reported, so a link
     * both ends report is not counted twice and one only one end reports still shows.
     */
    public synchronized List<PeerLink> links(String swarm) {
        prune();
        Series s = swarms.get(swarm);
        return s == null ? List.of() : s.links();
    }

    public synchronized Optional<SessionHealth> session(String sessionId) {
        SessionHealth h = sessions.get(sessionId);
        if (h == null || clock.millis() - h.lastBeacon().toEpochMilli() > windowMs) {
            return Optional.empty();
        }
        return Optional.of(h);
    }

    /** Every session with a beacon in the window, most recently heard first. */
    public synchronized List<SessionHealth> sessions() {
        prune();
        List<SessionHealth> out = new ArrayList<>(sessions.values());
        out.sort(Comparator.comparing(SessionHealth::lastBeacon).reversed().thenComparing(SessionHealth::sessionId));
        return out;
    }

    private void prune() {
        long oldest = clock.millis() - windowMs;
        global.prune(oldest);
        swarms.values().removeIf(s -> s.prune(oldest));
        sessions.values().removeIf(h -> h.lastBeacon().toEpochMilli() < oldest);
    }

    /** Buckets of one scope, oldest first. */
    private final class Series {
        private final Deque<Bucket> buckets = new ArrayDeque<>();

        Bucket bucket(long start) {
            Bucket last = buckets.peekLast();
            if (last != null && last.start == start) {
                return last;
            }
            Bucket b = new Bucket(start);
            buckets.addLast(b);
            return b;
        }

        /** Drops buckets that ended before {@code oldest}; true when nothing is left. */
        boolean prune(long oldest) {
            for (Iterator<Bucket> it = buckets.iterator(); it.hasNext(); ) {
                if (it.next().start + bucketMs <= oldest) {
                    it.remove();
                } else {
                    break;
                }
            }
            return buckets.isEmpty();
        }

        List<PeerLink> links() {
            Set<String> present = new HashSet<>();
            Map<List<String>, long[]> flows = new HashMap<>();
            for (Bucket b : buckets) {
                present.addAll(b.peers);
                b.flows.forEach((k, v) -> addTo(flows.computeIfAbsent(k, x -> new long[2]), v));
            }
            Map<List<String>, Long> pairs = new HashMap<>();
            flows.forEach((k, v) -> {
                String from = k.get(0);
                String to = k.get(1);
                if (present.contains(from) && present.contains(to)) {
                    List<String> pair = from.compareTo(to) < 0 ? List.of(from, to) : List.of(to, from);
                    pairs.merge(pair, Math.max(v[0], v[1]), Saturating::add);
                }
            });
            List<PeerLink> out = new ArrayList<>();
            pairs.forEach((pair, bytes) -> out.add(new PeerLink(pair.get(0), pair.get(1), bytes)));
            out.sort(Comparator.comparingLong(PeerLink::bytes).reversed().thenComparing(PeerLink::peerA)
                    .thenComparing(PeerLink::peerB));
            return out;
        }

        SwarmFigures figures(String name) {
            Set<String> peers = new HashSet<>();
            Set<String> sessionIds = new HashSet<>();
            long http = 0;
            long p2p = 0;
            long up = 0;
            long stalls = 0;
            long stallMs = 0;
            long played = 0;
            List<Long> startups = new ArrayList<>();
            Map<List<NatType>, long[]> nat = new HashMap<>();
            KindSums[] kinds = KindSums.each();
            for (Bucket b : buckets) {
                peers.addAll(b.peers);
                sessionIds.addAll(b.sessions);
                http = Saturating.add(http, b.http);
                p2p = Saturating.add(p2p, b.p2p);
                up = Saturating.add(up, b.uploaded);
                stalls = Saturating.add(stalls, b.stalls);
                stallMs = Saturating.add(stallMs, b.stallMs);
                played = Saturating.add(played, b.played);
                startups.addAll(b.startups);
                for (ClientKind k : ClientKind.values()) {
                    kinds[k.ordinal()].addAll(b.kinds[k.ordinal()]);
                }
                b.nat.forEach((k, v) -> addTo(nat.computeIfAbsent(k, x -> new long[2]), v));
            }
            long[] sorted = startups.stream().mapToLong(Long::longValue).sorted().toArray();
            List<NatPairStat> pairs = new ArrayList<>();
            nat.forEach((k, v) -> pairs.add(new NatPairStat(k.get(0), k.get(1), v[0], v[1])));
            pairs.sort(Comparator.comparing(NatPairStat::local).thenComparing(NatPairStat::remote));
            long total = Saturating.add(http, p2p);
            return new SwarmFigures(name, peers.size(), sessionIds.size(), http, p2p, up,
                    total == 0 ? 0 : (double) p2p / total, stalls, stallMs,
                    played == 0 ? 0 : (double) stallMs / played,
                    percentile(sorted, 50), percentile(sorted, 95), pairs,
                    Arrays.stream(kinds).map(KindSums::figures).toList());
        }
    }

    private static void addTo(long[] sum, long... more) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] = Saturating.add(sum[i], more[i]);
        }
    }

    private static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /** Bytes and sessions of one kind of client, in a bucket or summed over a window. */
    private static final class KindSums {
        final ClientKind kind;
        final Set<String> sessions = new HashSet<>();
        long http;
        long p2p;
        long uploaded;

        KindSums(ClientKind kind) {
            this.kind = kind;
        }

        /** One per kind, indexed by ordinal. */
        static KindSums[] each() {
            return Arrays.stream(ClientKind.values()).map(KindSums::new).toArray(KindSums[]::new);
        }

        void add(Beacon b) {
            sessions.add(b.sessionId());
            http = Saturating.add(http, b.httpBytes());
            p2p = Saturating.add(p2p, b.p2pBytes());
            uploaded = Saturating.add(uploaded, b.uploadedBytes());
        }

        void addAll(KindSums other) {
            sessions.addAll(other.sessions);
            http = Saturating.add(http, other.http);
            p2p = Saturating.add(p2p, other.p2p);
            uploaded = Saturating.add(uploaded, other.uploaded);
        }

        ClientFigures figures() {
            long total = Saturating.add(http, p2p);
            return new ClientFigures(kind, sessions.size(), http, p2p, uploaded, total == 0 ? 0 : (double) p2p / total);
        }
    }

    private static final class Bucket {
        final long start;
        final KindSums[] kinds = KindSums.each();
        final Set<String> peers = new HashSet<>();
        final Set<String> sessions = new HashSet<>();
        final List<Long> startups = new ArrayList<>();
        final Map<List<NatType>, long[]> nat = new HashMap<>();
        /** Bytes from one peer to another: [what the sender reported, what the receiver reported]. */
        final Map<List<String>, long[]> flows = new HashMap<>();
        long http;
        long p2p;
        long uploaded;
        long stalls;
        long stallMs;
        long played;
        long startupsSeen;

        Bucket(long start) {
            this.start = start;
        }

        void add(Beacon b) {
            if (b.peerId() != null) {
                peers.add(b.peerId());
            }
            sessions.add(b.sessionId());
            kinds[b.clientKind().ordinal()].add(b);
            http = Saturating.add(http, b.httpBytes());
            p2p = Saturating.add(p2p, b.p2pBytes());
            uploaded = Saturating.add(uploaded, b.uploadedBytes());
            stalls = Saturating.add(stalls, b.stalls());
            stallMs = Saturating.add(stallMs, b.stallMs());
            played = Saturating.add(played, b.playedMs());
            if (b.startupMs() != null) {
                // Reservoir sampling keeps the percentiles honest when a bucket sees a flash crowd.
                startupsSeen++;
                if (startups.size() < MAX_STARTUP_SAMPLES) {
                    startups.add(b.startupMs());
                } else {
                    long slot = Math.floorMod(Arrays.hashCode(new long[] {startupsSeen, b.startupMs()}), startupsSeen);
                    if (slot < MAX_STARTUP_SAMPLES) {
                        startups.set((int) slot, b.startupMs());
                    }
                }
            }
            if (b.peerId() != null) {
                for (Beacon.Link l : b.links()) {
                    if (!l.peerId().equals(b.peerId())) {
                        addTo(flows.computeIfAbsent(List.of(b.peerId(), l.peerId()), k -> new long[2]), l.bytesOut(), 0);
                        addTo(flows.computeIfAbsent(List.of(l.peerId(), b.peerId()), k -> new long[2]), 0, l.bytesIn());
                    }
                }
            }
            for (Beacon.Connections c : b.connections()) {
                addTo(nat.computeIfAbsent(List.of(b.natType(), c.remoteNat()), k -> new long[2]), c.attempts(),
                        c.successes());
            }
        }
    }
}
