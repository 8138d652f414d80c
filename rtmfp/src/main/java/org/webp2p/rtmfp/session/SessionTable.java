package org.webp2p.rtmfp.session;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongPredicate;
import org.jspecify.annotations.Nullable;
import org.webp2p.rtmfp.RtmfpParams;
import org.webp2p.rtmfp.crypto.PeerId;
import org.webp2p.rtmfp.wire.Bytes;

/**
 * The open sessions of a core, by our session ID, with the per-address and total limits of
 * RFC 7016 §3.5.1.1.2 (resource exhaustion). Mutated on the core's thread only; the map is
 * concurrent so snapshots can be taken from any thread.
 */
final class SessionTable {
    private final RtmfpParams params;
    private final Map<Long, Session> byId = new ConcurrentHashMap<>();
    private final Map<InetAddress, Integer> perAddress = new HashMap<>();
    private final Map<Session, InetAddress> origin = new HashMap<>();

    SessionTable(RtmfpParams params) {
        this.params = params;
    }

    Session get(long nearSessionId) {
        return byId.get(nearSessionId);
    }

    boolean isEmpty() {
        return byId.isEmpty();
    }

    List<Session> snapshot() {
        return List.copyOf(byId.values());
    }

    /**
     * The sessions as they are, without a copy: for the timer, which visits every session at every
     * tick. The view is weakly consistent, so a session that closes (and leaves the table) during
     * the visit does not disturb it.
     */
    Iterable<Session> live() {
        return byId.values();
    }

    /** True if a new session from {@code address} would exceed a limit. */
    boolean full(InetAddress address) {
        return byId.size() >= params.maxSessions() || perAddress.getOrDefault(address, 0) >= params.maxSessionsPerAddress();
    }

    void add(Session session, InetAddress from) {
        byId.put(session.nearSessionId(), session);
        perAddress.merge(from, 1, Integer::sum);
        origin.put(session, from);
    }

    void remove(Session session) {
        byId.remove(session.nearSessionId());
        InetAddress from = origin.remove(session);
        if (from != null) {
            perAddress.computeIfPresent(from, (a, n) -> n <= 1 ? null : n - 1);
        }
    }

    /** An open session with the endpoint whose certificate is {@code encodedCertificate}, or null. */
    @Nullable Session openWith(Bytes encodedCertificate) {
        for (Session session : byId.values()) {
            if (session.state() == SessionState.OPEN && session.farCertificate().encoded().equals(encodedCertificate)) {
                return session;
            }
        }
        return null;
    }

    /** An open session with the endpoint whose peer ID is {@code peerId}, or null. */
    @Nullable Session openWithPeer(PeerId peerId) {
        for (Session session : byId.values()) {
            if (session.state() == SessionState.OPEN && session.farPeerId().equals(peerId)) {
                return session;
            }
        }
        return null;
    }

    /** A random non-zero session ID used neither here nor where {@code reserved} says. */
    long newSessionId(Random random, LongPredicate reserved) {
        long id;
        do {
            id = random.nextInt() & 0xffffffffL;
        } while (id == 0 || byId.containsKey(id) || reserved.test(id));
        return id;
    }
}
