package org.webp2p.server.pingback;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.webp2p.nat.NatType;
import org.webp2p.protocol.ClientKind;
import org.webp2p.protocol.admin.ClientFigures;
import org.webp2p.protocol.admin.NatPairStat;
import org.webp2p.protocol.admin.SwarmFigures;
import org.webp2p.protocol.pingback.Beacon;

/**
 * Sums of beacons over a sliding window, kept in fixed-width time buckets so adding is cheap and old
 * data falls away a bucket at a time. Only sums and bounded samples of startups and latencies: what a bucket
 * holds does not grow with the number of sessions. Who is in the window (sessions, peers) is the
 * caller's. Not thread-safe: {@link LiveAggregator} holds the lock.
 */
final class WindowSums {
    private final long bucketMs;
    private final Deque<Bucket> buckets = new ArrayDeque<>();

    /** Who was in the window, counted by the caller: peers, and sessions of each kind of client. */
    record Presence(int peers, Map<ClientKind, Integer> sessions) {
        int allSessions() {
            return sessions.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    WindowSums(long bucketMs) {
        this.bucketMs = bucketMs;
    }

    void add(Beacon b, long now) {
        long start = now - Math.floorMod(now, bucketMs);
        Bucket last = buckets.peekLast();
        if (last == null || last.start != start) {
            last = new Bucket(start);
            buckets.addLast(last);
        }
        last.add(b);
    }

    /** Drops buckets that ended before {@code oldest}; true when nothing is left. */
    boolean prune(long oldest) {
        while (!buckets.isEmpty() && !inWindow(buckets.peekFirst(), oldest)) {
            buckets.removeFirst();
        }
        return buckets.isEmpty();
    }

    /** Whether any bucket still overlaps the window that begins at {@code oldest}. */
    boolean any(long oldest) {
        return !buckets.isEmpty() && inWindow(buckets.peekLast(), oldest);
    }

    private boolean inWindow(Bucket b, long oldest) {
        return b.start + bucketMs > oldest;
    }

    /** The figures of the buckets that overlap the window beginning at {@code oldest}. */
    SwarmFigures figures(String name, long oldest, Presence presence) {
        long[] kindHttp = new long[ClientKind.values().length];
        long[] kindP2p = new long[kindHttp.length];
        long[] kindUp = new long[kindHttp.length];
        long stalls = 0;
        long stallMs = 0;
        long played = 0;
        List<Long> startups = new ArrayList<>();
        List<Long> latencies = new ArrayList<>();
        Map<List<NatType>, long[]> nat = new HashMap<>();
        for (Bucket b : buckets) {
            if (!inWindow(b, oldest)) {
                continue;
            }
            for (int k = 0; k < kindHttp.length; k++) {
                kindHttp[k] = Saturating.add(kindHttp[k], b.http[k]);
                kindP2p[k] = Saturating.add(kindP2p[k], b.p2p[k]);
                kindUp[k] = Saturating.add(kindUp[k], b.uploaded[k]);
            }
            stalls = Saturating.add(stalls, b.stalls);
            stallMs = Saturating.add(stallMs, b.stallMs);
            played = Saturating.add(played, b.played);
            startups.addAll(b.startups.samples());
            latencies.addAll(b.latencies.samples());
            b.nat.forEach((k, v) -> {
                long[] sum = nat.computeIfAbsent(k, x -> new long[3]);
                for (int i = 0; i < sum.length; i++) {
                    sum[i] = Saturating.add(sum[i], v[i]);
                }
            });
        }
        long http = Arrays.stream(kindHttp).reduce(0, Saturating::add);
        long p2p = Arrays.stream(kindP2p).reduce(0, Saturating::add);
        long up = Arrays.stream(kindUp).reduce(0, Saturating::add);
        List<ClientFigures> clients = new ArrayList<>();
        for (ClientKind k : ClientKind.values()) {
            int i = k.ordinal();
            clients.add(new ClientFigures(k, presence.sessions().getOrDefault(k, 0), kindHttp[i], kindP2p[i], kindUp[i],
                    offload(kindP2p[i], kindHttp[i])));
        }
        long[] sorted = sorted(startups);
        long[] latency = sorted(latencies);
        List<NatPairStat> pairs = new ArrayList<>();
        nat.forEach((k, v) -> pairs.add(new NatPairStat(k.get(0), k.get(1), v[0], v[1], v[2])));
        pairs.sort(Comparator.comparing(NatPairStat::local).thenComparing(NatPairStat::remote));
        return new SwarmFigures(name, presence.peers(), presence.allSessions(), http, p2p, up,
                offload(p2p, http), stalls, stallMs, played == 0 ? 0 : (double) stallMs / played,
                Reservoir.percentile(sorted, 50), Reservoir.percentile(sorted, 95), pairs, clients,
                Reservoir.percentile(latency, 50), Reservoir.percentile(latency, 95));
    }

    private static long[] sorted(List<Long> samples) {
        return samples.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    /** Peer bytes over all bytes, added as doubles: two saturated sums still give their true ratio. */
    private static double offload(long p2p, long http) {
        return p2p == 0 ? 0 : p2p / ((double) p2p + http);
    }

    /** Empty presence, for figures nobody is in. */
    static Presence nobody() {
        return new Presence(0, new EnumMap<>(ClientKind.class));
    }

    private static final class Bucket {
        final long start;
        /** Bytes by kind of client, indexed by ordinal. */
        final long[] http = new long[ClientKind.values().length];
        final long[] p2p = new long[http.length];
        final long[] uploaded = new long[http.length];
        final Reservoir startups = new Reservoir();
        /** Each beacon's latency to live: a session beaconing often weighs more, as it also plays longer. */
        final Reservoir latencies = new Reservoir();
        final Map<List<NatType>, long[]> nat = new HashMap<>();
        long stalls;
        long stallMs;
        long played;

        Bucket(long start) {
            this.start = start;
        }

        void add(Beacon b) {
            int k = b.clientKind().ordinal();
            http[k] = Saturating.add(http[k], b.httpBytes());
            p2p[k] = Saturating.add(p2p[k], b.p2pBytes());
            uploaded[k] = Saturating.add(uploaded[k], b.uploadedBytes());
            stalls = Saturating.add(stalls, b.stalls());
            stallMs = Saturating.add(stallMs, b.stallMs());
            played = Saturating.add(played, b.playedMs());
            if (b.startupMs() != null) {
                startups.add(b.startupMs());
            }
            if (b.latencyMs() != null) {
                latencies.add(b.latencyMs());
            }
            for (Beacon.Connections c : b.connections()) {
                // Attempts, successes, and the successes that were LAN links.
                long[] v = nat.computeIfAbsent(List.of(b.natType(), c.remoteNat()), x -> new long[3]);
                v[0] = Saturating.add(v[0], c.attempts());
                v[1] = Saturating.add(v[1], c.successes());
                v[2] = Saturating.add(v[2], c.lan());
            }
        }
    }
}
