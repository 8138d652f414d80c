package org.webp2p.server.pingback;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.webp2p.protocol.admin.PeerLink;
import org.webp2p.protocol.pingback.Beacon;

/**
 * The bytes each pair of peers of one swarm exchanged, from both ends' beacons, at most {@code max}
 * pairs. A pair's totals run while reports keep coming; one not reported for a window is forgotten
 * and starts again from zero, as a session does. Pairs are kept in the order they were last reported,
 * so forgetting the oldest costs only what is forgotten. Not thread-safe: {@link LiveAggregator}
 * holds the lock.
 */
final class SwarmLinks {
    private final int max;
    /** Least recently reported first. */
    private final Map<Pair, Flow> pairs = new LinkedHashMap<>();

    /** Two peer IDs in order, {@code a < b}. */
    private record Pair(String a, String b) {
        static Pair of(String x, String y) {
            return x.compareTo(y) < 0 ? new Pair(x, y) : new Pair(y, x);
        }
    }

    /**
     * Each direction as its sender reported it ({@code bytesOut}) and as its receiver did
     * ({@code bytesIn}), so a transfer both ends report counts once.
     */
    private static final class Flow {
        long abSent;
        long abReceived;
        long baSent;
        long baReceived;
        long lastReport;

        long bytes() {
            return Saturating.add(Math.max(abSent, abReceived), Math.max(baSent, baReceived));
        }
    }

    SwarmLinks(int max) {
        this.max = max;
    }

    /**
     * Adds what {@code peer} reported of its link; false, adding nothing, when it is a pair not yet
     * kept and there is no room for one more.
     */
    boolean add(String peer, Beacon.Link link, long now) {
        if (peer.equals(link.peerId())) {
            return true;
        }
        Pair p = Pair.of(peer, link.peerId());
        Flow f = pairs.remove(p);
        if (f == null) {
            if (pairs.size() >= max) {
                return false;
            }
            f = new Flow();
        }
        pairs.put(p, f);
        f.lastReport = now;
        if (peer.equals(p.a())) {
            f.abSent = Saturating.add(f.abSent, link.bytesOut());
            f.baReceived = Saturating.add(f.baReceived, link.bytesIn());
        } else {
            f.baSent = Saturating.add(f.baSent, link.bytesOut());
            f.abReceived = Saturating.add(f.abReceived, link.bytesIn());
        }
        return true;
    }

    /** Forgets pairs last reported before {@code oldest}; true when none is left. */
    boolean prune(long oldest) {
        for (Iterator<Flow> it = pairs.values().iterator(); it.hasNext() && it.next().lastReport < oldest; ) {
            it.remove();
        }
        return pairs.isEmpty();
    }

    /**
     * Makes room in a full swarm: forgets pairs with an end that is not {@code present} (a peer that
     * never beaconed, or no longer does, cannot hold a place a live pair needs), then, while more than
     * nine tenths full, the pairs reported longest ago, so new links of a changing swarm get in
     * rather than wait a window for old ones to expire.
     */
    void makeRoom(Set<String> present) {
        pairs.keySet().removeIf(p -> !present.contains(p.a()) || !present.contains(p.b()));
        int keep = max - max / 10;
        for (Iterator<Flow> it = pairs.values().iterator(); pairs.size() > keep && it.hasNext(); ) {
            it.next();
            it.remove();
        }
    }

    /** Pairs reported since {@code oldest} whose ends are both {@code present}, heaviest first. */
    List<PeerLink> live(long oldest, Set<String> present) {
        List<PeerLink> out = new ArrayList<>();
        pairs.forEach((p, f) -> {
            if (f.lastReport >= oldest && present.contains(p.a()) && present.contains(p.b())) {
                out.add(new PeerLink(p.a(), p.b(), f.bytes()));
            }
        });
        out.sort(Comparator.comparingLong(PeerLink::bytes).reversed().thenComparing(PeerLink::peerA)
                .thenComparing(PeerLink::peerB));
        return out;
    }

    int size() {
        return pairs.size();
    }

    boolean isFull() {
        return pairs.size() >= max;
    }
}
