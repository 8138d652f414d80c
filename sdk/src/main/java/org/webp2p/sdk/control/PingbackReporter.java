package org.webp2p.sdk.control;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.webp2p.nat.NatType;
import org.webp2p.protocol.pingback.Beacon;
import org.webp2p.protocol.pingback.BeaconBatch;
import org.webp2p.sdk.http.HttpFetcher;
import org.webp2p.sdk.peer.AttemptCount;
import org.webp2p.sdk.peer.ConnectionAttempt;
import org.webp2p.sdk.peer.ConnectionTotals;
import org.webp2p.sdk.peer.LinkTotals;
import org.webp2p.sdk.playback.PlaybackStats;

/**
 * Counts what the client does and sends it as beacons (docs/protocol.md). Beacons carry deltas
 * since the last beacon the server accepted, so a beacon lost to a network error is folded into
 * the next one instead of vanishing.
 */
public final class PingbackReporter {
    private final HttpFetcher http;
    private final URI url;
    private final String sessionId;
    private final String swarm;
    private final Duration timeout;
    private final LongAdder httpBytes = new LongAdder();
    private final LongAdder p2pBytes = new LongAdder();
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private volatile String ticket;
    private volatile String peerId;
    private volatile NatType natType = NatType.UNKNOWN;
    private volatile long latencyMs = -1;
    private volatile String rendition;
    private Totals acked = new Totals(0, 0, 0, 0, 0, 0, -1);
    private Map<String, LinkTotals> ackedLinks = Map.of();
    private Map<NatType, ConnectionTotals> ackedConnections = Map.of();
    private long ackedAttemptsUpTo;
    private Map<AttemptCount, Long> ackedAttemptCounts = Map.of();
    private long sent;

    private record Totals(long http, long p2p, long up, long played, int stalls, long stallMs, long startupMs) {
    }

    /** @param ticket the session's ticket from its plan; {@link #ticket(String)} takes each renewed one */
    public PingbackReporter(HttpFetcher http, URI url, String sessionId, String ticket, String swarm, Duration timeout) {
        this.http = http;
        this.url = url;
        this.sessionId = sessionId;
        this.ticket = ticket;
        this.swarm = swarm;
        this.timeout = timeout;
    }

    public void httpBytes(long n) {
        httpBytes.add(n);
    }

    public void p2pBytes(long n) {
        p2pBytes.add(n);
    }

    /** The ticket of a renewed plan: each expires, and pingback takes beacons only with a valid one. */
    public void ticket(String fresh) {
        this.ticket = fresh;
    }

    public void identity(String peerId, NatType natType) {
        this.peerId = peerId;
        this.natType = natType;
    }

    /** How far behind live the client plays now (a gauge the next beacon carries), or -1 when it cannot tell. */
    public void latency(long ms) {
        this.latencyMs = ms;
    }

    /**
     * The rendition the client plays now (the next beacon names it, and its counts are taken as that
     * rendition's), or null for a stream without renditions. A name no beacon may carry is left out
     * rather than costing the beacons.
     */
    public void rendition(String name) {
        this.rendition = name != null && Beacon.namesRendition(swarm, name) ? name : null;
    }

    public long beaconsSent() {
        return sent;
    }

    /**
     * Sends one beacon with everything since the last accepted one; skipped while the previous is
     * still on its way. Completes with whether the server took it, or fails at once when the
     * counters make no valid beacon (pingback would refuse it the same way).
     */
    public synchronized CompletableFuture<Boolean> report(PlaybackStats stats, long bufferMs, List<LinkTotals> links,
                                                          List<ConnectionTotals> connections) {
        return report(stats, bufferMs, links, connections, List.of(), List.of());
    }

    /**
     * As {@link #report(PlaybackStats, long, List, List)}, with the client's connection attempts:
     * the counts of all of them by kind, of which the beacon carries what was added since the last
     * accepted beacon, and the recent ones in detail, of which those later in sequence than the last
     * accepted beacon's go along (the latest {@link Beacon#MAX_ATTEMPTS}). The counts make sure no
     * attempt goes unreported however many end between two beacons; the details only illustrate.
     */
    public synchronized CompletableFuture<Boolean> report(PlaybackStats stats, long bufferMs, List<LinkTotals> links,
                                                          List<ConnectionTotals> connections,
                                                          List<ConnectionAttempt> attempts,
                                                          List<AttemptCount> attemptCounts) {
        // By sequence, not by time: two attempts may end in one millisecond, one each side of a beacon.
        List<ConnectionAttempt> fresh = attempts.stream().filter(a -> a.sequence() > ackedAttemptsUpTo).toList();
        fresh = fresh.subList(Math.max(0, fresh.size() - Beacon.MAX_ATTEMPTS), fresh.size());
        long attemptsUpTo = fresh.stream().mapToLong(ConnectionAttempt::sequence).max().orElse(ackedAttemptsUpTo);
        // What this beacon will have reported once accepted: kinds beyond one beacon's room wait for the next.
        Map<AttemptCount, Long> countsSent = new LinkedHashMap<>(ackedAttemptCounts);
        List<Beacon.AttemptCount> countDeltas = attemptCountDeltas(attemptCounts, ackedAttemptCounts, countsSent);
        long up = links.stream().mapToLong(LinkTotals::bytesOut).sum();
        Totals now = new Totals(httpBytes.sum(), p2pBytes.sum(), up, stats.playedMs(), stats.stalls(),
                stats.stallMs(), stats.startupMs());
        Map<String, LinkTotals> linksNow = new LinkedHashMap<>();
        links.forEach(l -> linksNow.put(l.peerId(), l));
        Map<NatType, ConnectionTotals> connectionsNow = new LinkedHashMap<>();
        connections.forEach(c -> connectionsNow.put(c.remoteNat(), c));
        Totals base = acked;
        BeaconBatch batch;
        try {
            batch = new BeaconBatch(List.of(new Beacon(sessionId, ticket, peerId, swarm, now.http - base.http,
                    now.p2p - base.p2p, now.up - base.up, now.played - base.played,
                    base.startupMs < 0 && now.startupMs >= 0 ? now.startupMs : null, now.stalls - base.stalls,
                    now.stallMs - base.stallMs, Math.max(0, bufferMs), natType, linkDeltas(linksNow, ackedLinks),
                    connectionDeltas(connectionsNow, ackedConnections), null,
                    fresh.stream().map(PingbackReporter::wire).toList(),
                    countDeltas, latencyMs < 0 ? null : latencyMs, rendition)));
        } catch (IllegalArgumentException e) {
            // Pingback would refuse it too; the totals stay unacknowledged for the next beacon.
            return CompletableFuture.failedFuture(e);
        }
        if (!inFlight.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(false);
        }
        return http.postJson(url, ApiClient.bytes(batch), timeout)
                .handle((r, failure) -> {
                    boolean ok = failure == null && r.ok();
                    synchronized (this) {
                        if (ok) {
                            acked = now;
                            ackedLinks = linksNow;
                            ackedConnections = connectionsNow;
                            ackedAttemptsUpTo = Math.max(ackedAttemptsUpTo, attemptsUpTo);
                            ackedAttemptCounts = countsSent;
                            sent++;
                        }
                    }
                    inFlight.set(false);
                    return ok;
                });
    }

    private static Beacon.Attempt wire(ConnectionAttempt a) {
        return new Beacon.Attempt(a.peerId(), a.remoteNat(), Beacon.Attempt.Outcome.valueOf(a.outcome().name()),
                a.reason() == null ? null : a.reason().name());
    }

    /**
     * Kinds of attempt that ended since the last accepted beacon, with how many, as many kinds as a
     * beacon holds; {@code sent} learns the totals they bring each kind to.
     */
    private static List<Beacon.AttemptCount> attemptCountDeltas(List<AttemptCount> now, Map<AttemptCount, Long> base,
                                                                Map<AttemptCount, Long> sent) {
        List<Beacon.AttemptCount> out = new ArrayList<>();
        for (AttemptCount c : now) {
            AttemptCount kind = c.kind();
            long delta = Math.min(Integer.MAX_VALUE, c.count() - base.getOrDefault(kind, 0L));
            if (delta > 0 && out.size() < Beacon.MAX_ATTEMPT_COUNTS) {
                out.add(new Beacon.AttemptCount(c.remoteNat(), Beacon.Attempt.Outcome.valueOf(c.outcome().name()),
                        c.reason() == null ? null : c.reason().name(), (int) delta));
                sent.put(kind, base.getOrDefault(kind, 0L) + delta);
            }
        }
        return out;
    }

    /** Links with bytes since the last accepted beacon, busiest first, as many as a beacon may carry. */
    private static List<Beacon.Link> linkDeltas(Map<String, LinkTotals> now, Map<String, LinkTotals> base) {
        return now.values().stream()
                .map(l -> {
                    LinkTotals b = base.getOrDefault(l.peerId(), new LinkTotals(l.peerId(), 0, 0));
                    return new Beacon.Link(l.peerId(), l.bytesIn() - b.bytesIn(), l.bytesOut() - b.bytesOut());
                })
                .filter(d -> d.bytesIn() + d.bytesOut() > 0)
                .sorted(Comparator.comparingLong((Beacon.Link d) -> d.bytesIn() + d.bytesOut()).reversed())
                .limit(Beacon.MAX_LINKS)
                .toList();
    }

    private static List<Beacon.Connections> connectionDeltas(Map<NatType, ConnectionTotals> now,
                                                             Map<NatType, ConnectionTotals> base) {
        List<Beacon.Connections> out = new ArrayList<>();
        for (ConnectionTotals c : now.values()) {
            ConnectionTotals b = base.getOrDefault(c.remoteNat(), new ConnectionTotals(c.remoteNat(), 0, 0));
            if (c.attempts() > b.attempts() || c.successes() > b.successes()) {
                out.add(new Beacon.Connections(c.remoteNat(), Math.toIntExact(c.attempts() - b.attempts()),
                        Math.toIntExact(c.successes() - b.successes()),
                        Math.toIntExact(c.lanSuccesses() - b.lanSuccesses())));
            }
        }
        return out;
    }
}
