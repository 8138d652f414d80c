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
import org.webp2p.sdk.http.HttpFetcher;
import org.webp2p.sdk.peer.ConnectionTotals;
import org.webp2p.sdk.peer.LinkTotals;
import org.webp2p.sdk.playback.PlaybackStats;

/**
 * Counts what the client does and sends it as beacons (docs/protocol.md). Beacons carry deltas
 * since the last beacon the server accepted, so a beacon lost to a network error is folded into
 * the next one instead of vanishing.
 */
public final class PingbackReporter {
    /** The most links one beacon may carry (pingback refuses more). */
    static final int MAX_LINKS = 64;
    private final HttpFetcher http;
    private final URI url;
    private final String sessionId;
    private final String swarm;
    private final Duration timeout;
    private final LongAdder httpBytes = new LongAdder();
    private final LongAdder p2pBytes = new LongAdder();
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private volatile String peerId;
    private volatile String natType = "UNKNOWN";
    private Totals acked = new Totals(0, 0, 0, 0, 0, 0, -1);
    private Map<String, LinkTotals> ackedLinks = Map.of();
    private Map<String, ConnectionTotals> ackedConnections = Map.of();
    private long sent;

    private record Totals(long http, long p2p, long up, long played, int stalls, long stallMs, long startupMs) {
    }

    public PingbackReporter(HttpFetcher http, URI url, String sessionId, String swarm, Duration timeout) {
        this.http = http;
        this.url = url;
        this.sessionId = sessionId;
        this.swarm = swarm;
        this.timeout = timeout;
    }

    public void httpBytes(long n) {
        httpBytes.add(n);
    }

    public void p2pBytes(long n) {
        p2pBytes.add(n);
    }

    public void identity(String peerId, String natType) {
        this.peerId = peerId;
        this.natType = natType;
    }

    public long beaconsSent() {
        return sent;
    }

    /**
     * Sends one beacon with everything since the last accepted one; skipped while the previous is
     * still on its way. Completes with whether the server took it.
     */
    public synchronized CompletableFuture<Boolean> report(PlaybackStats stats, long bufferMs, List<LinkTotals> links,
                                                          List<ConnectionTotals> connections) {
        if (!inFlight.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(false);
        }
        long up = links.stream().mapToLong(LinkTotals::bytesOut).sum();
        Totals now = new Totals(httpBytes.sum(), p2pBytes.sum(), up, stats.playedMs(), stats.stalls(),
                stats.stallMs(), stats.startupMs());
        Map<String, LinkTotals> linksNow = new LinkedHashMap<>();
        links.forEach(l -> linksNow.put(l.peerId(), l));
        Map<String, ConnectionTotals> connectionsNow = new LinkedHashMap<>();
        connections.forEach(c -> connectionsNow.put(c.remoteNat(), c));
        Totals base = acked;
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("sessionId", sessionId);
        b.put("peerId", peerId);
        b.put("swarm", swarm);
        b.put("httpBytes", now.http - base.http);
        b.put("p2pBytes", now.p2p - base.p2p);
        b.put("uploadedBytes", now.up - base.up);
        b.put("playedMs", now.played - base.played);
        if (base.startupMs < 0 && now.startupMs >= 0) {
            b.put("startupMs", now.startupMs);
        }
        b.put("stalls", now.stalls - base.stalls);
        b.put("stallMs", now.stallMs - base.stallMs);
        b.put("bufferMs", Math.max(0, bufferMs));
        b.put("natType", natType);
        b.put("links", linkDeltas(linksNow, ackedLinks));
        b.put("connections", connectionDeltas(connectionsNow, ackedConnections));
        return http.postJson(url, ApiClient.bytes(Map.of("beacons", List.of(b))), timeout)
                .handle((r, failure) -> {
                    boolean ok = failure == null && r.ok();
                    synchronized (this) {
                        if (ok) {
                            acked = now;
                            ackedLinks = linksNow;
                            ackedConnections = connectionsNow;
                            sent++;
                        }
                    }
                    inFlight.set(false);
                    return ok;
                });
    }

    /** Links with bytes since the last accepted beacon, busiest first, as many as a beacon may carry. */
    private static List<Map<String, Object>> linkDeltas(Map<String, LinkTotals> now, Map<String, LinkTotals> base) {
        List<Map<String, Object>> out = new ArrayList<>();
        now.values().stream()
                .map(l -> {
                    LinkTotals b = base.getOrDefault(l.peerId(), new LinkTotals(l.peerId(), 0, 0));
                    return new LinkTotals(l.peerId(), l.bytesIn() - b.bytesIn(), l.bytesOut() - b.bytesOut());
                })
                .filter(d -> d.bytesIn() + d.bytesOut() > 0)
                .sorted(Comparator.comparingLong((LinkTotals d) -> d.bytesIn() + d.bytesOut()).reversed())
                .limit(MAX_LINKS)
                .forEach(d -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("peerId", d.peerId());
                    m.put("bytesIn", d.bytesIn());
                    m.put("bytesOut", d.bytesOut());
                    out.add(m);
                });
        return out;
    }

    private static List<Map<String, Object>> connectionDeltas(Map<String, ConnectionTotals> now,
                                                              Map<String, ConnectionTotals> base) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ConnectionTotals c : now.values()) {
            ConnectionTotals b = base.getOrDefault(c.remoteNat(), new ConnectionTotals(c.remoteNat(), 0, 0));
            if (c.attempts() > b.attempts() || c.successes() > b.successes()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("remoteNat", c.remoteNat());
                m.put("attempts", c.attempts() - b.attempts());
                m.put("successes", c.successes() - b.successes());
                out.add(m);
            }
        }
        return out;
    }
}
