package org.webp2p.server.tracker;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.webp2p.nat.NatCompatibility;
import org.webp2p.nat.NatType;
import org.webp2p.protocol.admin.PeerRecord;
import org.webp2p.protocol.tracker.SegmentRange;

/**
 * Chooses which peers an asking peer should try, best first. Pure: no clock, no I/O.
 *
 * <p>A candidate is never offered if their NATs cannot meet (a wasted introduction costs the
 * asker a timeout; a type still UNKNOWN counts as SYMMETRIC), and otherwise ranked by, in order of
 * weight: being on the same network (with local addresses to meet on; without them a pair behind
 * one public address comes last), holding the segments the asker needs next, playing near the
 * asker's position, offering upload, and having announced recently. Ties are broken by a hash of
 * the pair, so askers with the same needs are spread over the swarm instead of all crowding the
 * same few peers.
 */
public final class PeerSelector {
    private static final double SAME_ADDRESS = 40;
    private static final double SAME_SUBNET = 20;
    private static final double SAME_NAT_NO_LOCAL = -40;
    private static final double HOLDS_NEEDED = 30;
    private static final double NEAR_POSITION = 15;
    private static final double UPLOAD = 10;
    private static final double FRESH = 5;
    private static final double UNCERTAIN_NAT = -10;
    /** Beyond this many segments apart two peers share little of a live window. */
    private static final double POSITION_SPAN = 10;

    private final int lookahead;

    /** @param lookahead segments after its position that a peer will fetch soon */
    public PeerSelector(int lookahead) {
        if (lookahead < 1) {
            throw new IllegalArgumentException("lookahead must be at least 1");
        }
        this.lookahead = lookahead;
    }

    public List<PeerRecord> select(PeerRecord asker, Collection<PeerRecord> candidates, int limit,
                                   Duration interval, Instant now) {
        if (limit <= 0) {
            return List.of();
        }
        int maxUpload = 1;
        for (PeerRecord c : candidates) {
            maxUpload = Math.max(maxUpload, c.uploadKbps());
        }
        SegmentRange needed = new SegmentRange(asker.position(), asker.position() + lookahead - 1);
        List<Scored> scored = new ArrayList<>();
        for (PeerRecord c : candidates) {
            if (c.peerId().equals(asker.peerId()) || !NatCompatibility.canConnect(pairedAs(asker), pairedAs(c))) {
                continue;
            }
            double s = locality(asker, c);
            if (c.have() != null) {
                s += HOLDS_NEEDED * c.have().overlap(needed) / needed.size();
            }
            s += NEAR_POSITION * Math.max(0, 1 - Math.abs(c.position() - asker.position()) / POSITION_SPAN);
            s += UPLOAD * c.uploadKbps() / maxUpload;
            double age = Duration.between(c.lastSeen(), now).toMillis() / (double) Math.max(1, interval.toMillis());
            s += FRESH * Math.max(0, 1 - age);
            if (NatCompatibility.isUncertain(asker.natType(), c.natType())) {
                s += UNCERTAIN_NAT;
            }
            scored.add(new Scored(c, s, spread(asker.peerId(), c.peerId())));
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparingInt(Scored::tieBreak));
        return scored.stream().limit(limit).map(Scored::peer).toList();
    }

    /**
     * Peers on one public address are behind one NAT: they meet on their local addresses, the best
     * link of all, or, when either announced none, not at all (NATs do not hairpin).
     */
    private static double locality(PeerRecord asker, PeerRecord candidate) {
        InetAddress a = asker.source();
        InetAddress b = candidate.source();
        if (a == null || b == null) {
            return 0;
        }
        if (a.equals(b)) {
            return asker.addresses().isEmpty() || candidate.addresses().isEmpty() ? SAME_NAT_NO_LOCAL : SAME_ADDRESS;
        }
        byte[] x = a.getAddress();
        byte[] y = b.getAddress();
        if (x.length != y.length) {
            return 0;
        }
        int prefixBytes = x.length == 4 ? 3 : 8; // a /24 or a /64
        for (int i = 0; i < prefixBytes; i++) {
            if (x[i] != y[i]) {
                return 0;
            }
        }
        return SAME_SUBNET;
    }

    /**
     * A peer whose NAT is not classified yet may well be symmetric, and a guess that is wrong costs
     * the asker a handshake timeout: it is paired as the least reachable type until it knows.
     */
    private static NatType pairedAs(PeerRecord p) {
        return p.natType() == NatType.UNKNOWN ? NatType.SYMMETRIC : p.natType();
    }

    private static int spread(String asker, String candidate) {
        int h = asker.hashCode() * 31 + candidate.hashCode();
        h ^= h >>> 16;
        return h * 0x45d9f3b;
    }

    private record Scored(PeerRecord peer, double score, int tieBreak) {
    }
}
