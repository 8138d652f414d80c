package org.webp2p.sdk.peer;

import java.util.HashMap;
import java.util.Map;

/**
 * When a peer this client could not link with may be tried again. After a failed connection: 5 s,
 * doubling with each failure in a row to a minute. A first failure is often a matter of moments (the
 * far peer announced but is not on the rendezvous yet, or was busy with its own startup), and in a
 * small swarm that peer may be the only one; a peer that keeps failing is tried ever less often, so
 * a pair that cannot meet costs few handshakes. A peer that refused (it had its fill) waits the
 * whole minute at once: it will stay full for a while. Pure and single-threaded.
 */
final class PeerRetries {
    static final long FIRST_MS = 5_000;
    static final long MOST_MS = 60_000;
    /** Failures are forgotten this long after the wait they set is over, so the map stays small. */
    private static final long FORGET_AFTER_MS = 10 * MOST_MS;

    private record Wait(int failures, long until) {
    }

    private final Map<String, Wait> waits = new HashMap<>();

    /** Whether {@code peer} must not be tried at {@code nowMs}. */
    boolean waiting(String peer, long nowMs) {
        Wait w = waits.get(peer);
        return w != null && w.until() > nowMs;
    }

    /** A connection to {@code peer} failed; returns when it may be tried again. */
    long failed(String peer, long nowMs) {
        Wait before = waits.get(peer);
        int failures = before == null ? 1 : before.failures() + 1;
        long wait = Math.min(MOST_MS, FIRST_MS << Math.min(failures - 1, 4));
        return set(peer, failures, nowMs + wait, nowMs);
    }

    /** {@code peer} refused this client (it was full): a minute. */
    long refused(String peer, long nowMs) {
        Wait before = waits.get(peer);
        return set(peer, before == null ? 1 : before.failures() + 1, nowMs + MOST_MS, nowMs);
    }

    /** {@code peer} can never be tried (its ID is not one). */
    void never(String peer) {
        waits.put(peer, new Wait(Integer.MAX_VALUE, Long.MAX_VALUE));
    }

    /** A link with {@code peer} came up: its next failure starts the waits afresh. */
    void linked(String peer) {
        waits.remove(peer);
    }

    /** Forgets every wait: another swarm's peers are other peers. */
    void clear() {
        waits.clear();
    }

    private long set(String peer, int failures, long until, long nowMs) {
        waits.values().removeIf(w -> w.until() + FORGET_AFTER_MS < nowMs);
        waits.put(peer, new Wait(failures, until));
        return until;
    }
}
