package org.webp2p.sdk.peer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.webp2p.nat.NatType;
import org.webp2p.sdk.diagnostics.PeerFailureReason;

/**
 * This client's connection attempts: the latest {@link #KEPT} in detail, each numbered in the order
 * they ended, and a count of every attempt ever made by far NAT type, outcome and reason. The counts
 * are what makes the log lossless for beacons: however many attempts end between two beacons, the
 * counts carry them all, and the details only illustrate the latest. Not thread-safe: the owner's
 * event loop keeps it.
 */
public final class AttemptLog {
    /** Attempts kept in detail, for diagnostics and beacons; one beacon carries at most as many. */
    public static final int KEPT = 32;

    private final ArrayDeque<ConnectionAttempt> latest = new ArrayDeque<>();
    private final Map<AttemptCount, Long> counts = new LinkedHashMap<>();
    private long sequence;

    /** Records an attempt that ended, the next in sequence. */
    public ConnectionAttempt add(String peerId, NatType remoteNat, boolean sameNat, ConnectionAttempt.Outcome outcome,
                                 @Nullable PeerFailureReason reason, long atMs) {
        ConnectionAttempt a = new ConnectionAttempt(peerId, remoteNat, sameNat, outcome, reason, atMs, ++sequence);
        if (latest.size() == KEPT) {
            latest.removeFirst();
        }
        latest.addLast(a);
        counts.merge(new AttemptCount(remoteNat, outcome, reason, 0), 1L, Long::sum);
        return a;
    }

    /** The latest attempts, oldest first. */
    public List<ConnectionAttempt> latest() {
        return List.copyOf(latest);
    }

    /** Every attempt so far, counted by kind, in the order each kind first happened. */
    public List<AttemptCount> counts() {
        List<AttemptCount> out = new ArrayList<>(counts.size());
        counts.forEach((k, n) -> out.add(new AttemptCount(k.remoteNat(), k.outcome(), k.reason(), n)));
        return out;
    }
}
