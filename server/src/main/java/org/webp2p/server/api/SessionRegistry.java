package org.webp2p.server.api;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.webp2p.protocol.ClientKind;

/**
 * Client sessions the API handed out. A session lives while its client keeps asking for its plan
 * and is forgotten {@code ttl} after the last time it did; the number kept is bounded.
 */
final class SessionRegistry {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    /**
     * One client's session.
     *
     * @param peerId the peer ID the client said it would use, which its tickets name; null if it said none
     */
    record Session(String id, String stream, String subject, ClientKind client, @Nullable String peerId, Instant created,
                   Instant lastSeen) {
    }

    private final Clock clock;
    private final Duration ttl;
    private final int max;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    SessionRegistry(Clock clock, Duration ttl, int max) {
        this.clock = clock;
        this.ttl = ttl;
        this.max = max;
    }

    /** A new session, or empty when the registry is full even after forgetting stale ones. */
    Optional<Session> open(String stream, String subject, ClientKind client, @Nullable String peerId) {
        if (sessions.size() >= max) {
            expire();
            if (sessions.size() >= max) {
                return Optional.empty();
            }
        }
        byte[] id = new byte[16];
        random.nextBytes(id);
        Instant now = clock.instant();
        Session s = new Session(B64.encodeToString(id), stream, subject, client, peerId, now, now);
        sessions.put(s.id(), s);
        return Optional.of(s);
    }

    /** The session, marked as seen now; empty if unknown or expired. */
    Optional<Session> touch(String id) {
        Instant now = clock.instant();
        Session s = sessions.computeIfPresent(id, (k, old) -> old.lastSeen().plus(ttl).isBefore(now)
                ? null : new Session(old.id(), old.stream(), old.subject(), old.client(), old.peerId(), old.created(),
                now));
        return Optional.ofNullable(s);
    }

    void expire() {
        Instant cutoff = clock.instant().minus(ttl);
        sessions.values().removeIf(s -> s.lastSeen().isBefore(cutoff));
    }

    int size() {
        return sessions.size();
    }
}
