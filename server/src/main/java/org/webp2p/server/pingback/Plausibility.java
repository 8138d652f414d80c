package org.webp2p.server.pingback;

import java.util.Optional;
import org.webp2p.protocol.pingback.Beacon;

/**
 * Whether a beacon's byte counts could be true: no client moves more than {@code pingback.max-rate}
 * bytes a second, in either direction or with any one peer, so a beacon covering {@code intervalMs}
 * carries at most that rate times the interval. (Negative counts never get this far: the record
 * refuses them.)
 */
record Plausibility(long maxBytesPerSecond) {
    /**
     * Added to every interval: the server times beacons by their arrival, so one that travelled
     * slowly leaves the next a little less time than its client counted.
     */
    static final long SLACK_MS = 1000;

    Plausibility {
        if (maxBytesPerSecond <= 0) {
            throw new IllegalArgumentException("the rate limit must be positive");
        }
    }

    /** Why {@code b} is implausible over {@code intervalMs} since its session was last heard, or empty. */
    Optional<String> check(Beacon b, long intervalMs) {
        long ms = Saturating.add(Math.max(0, intervalMs), SLACK_MS);
        long product = Saturating.multiply(maxBytesPerSecond, ms);
        // A limit too large to multiply out is no limit: a node may choose to trust any rate.
        long allowed = product == Long.MAX_VALUE ? Long.MAX_VALUE : product / 1000;
        long downloaded = Saturating.add(b.httpBytes(), b.p2pBytes());
        if (downloaded > allowed) {
            return Optional.of(why("httpBytes + p2pBytes", downloaded, allowed, intervalMs));
        }
        if (b.uploadedBytes() > allowed) {
            return Optional.of(why("uploadedBytes", b.uploadedBytes(), allowed, intervalMs));
        }
        for (Beacon.Link l : b.links()) {
            long most = Math.max(l.bytesIn(), l.bytesOut());
            if (most > allowed) {
                return Optional.of(why("a link's bytes", most, allowed, intervalMs));
            }
        }
        return Optional.empty();
    }

    private String why(String what, long reported, long allowed, long intervalMs) {
        return what + " = " + reported + " in " + intervalMs + " ms since the session was last heard: more than the "
                + allowed + " that pingback.max-rate (" + maxBytesPerSecond + " bytes/s) allows";
    }
}
