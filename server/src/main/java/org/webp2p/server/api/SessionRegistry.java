package org.webp2p.server.api;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.webp2p.protocol.ClientKind;

/**
 * Client sessions the API handed out. A session lives while its client keeps asking for its plan
 * and its token is valid; it is forgotten {@code ttl} after the last time it was asked for, or once
 * its token has expired. The number kept is bounded overall and per {@link SessionOwner}.
 * Thread-safe: every method holds the registry's lock, which none holds for long.
 */
final class SessionRegistry {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    /**
     * One client's session.
     *
     * @param subject  the token's subject, which its tickets name; empty without one
     * @param owner    whose quota it counts against
     * @param peerId   the peer ID the client said it would use, which its tickets name; null if it said none
     * @param notAfter when the token it was opened with expires; {@link Instant#MAX} when it was opened
     *                 without one (an open stream)
     */
    record Session(String id, String stream, String subject, SessionOwner owner, ClientKind client,
                   @Nullable String peerId, Instant created, Instant lastSeen, Instant notAfter) {
        Session seen(Instant now) {
            return new Session(id, stream, subject, owner, client, peerId, created, now, notAfter);
        }
    }

    /** Which bound refused a new session. */
    enum Limit {
        /** {@code api.max-sessions}: the registry is full. */
        TOTAL,
        /** {@code api.max-sessions-per-subject}: the owner holds its share already. */
        OWNER
    }

    /** A session refused by one of the bounds. */
    static final class LimitReachedException extends Exception {
        private static final long serialVersionUID = 1L;
        private final Limit limit;

        LimitReachedException(Limit limit, String message) {
            super(message);
            this.limit = limit;
        }

        Limit limit() {
            return limit;
        }
    }

    private final Clock clock;
    private final Duration ttl;
    private final int max;
    private final int maxPerOwner;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new HashMap<>();
    /** The same sessions by owner, so that one owner's stale ones are found without a full scan. */
    private final Map<SessionOwner, Map<String, Session>> byOwner = new HashMap<>();

    SessionRegistry(Clock clock, Duration ttl, int max, int maxPerOwner) {
        this.clock = clock;
        this.ttl = ttl;
        this.max = max;
        this.maxPerOwner = maxPerOwner;
    }

    /**
     * A new session, unless the registry or the owner's share is full even after forgetting stale ones.
     *
     * @param subject  the token's subject, empty without one
     * @param peerId   the peer ID the client will use, or null
     * @param notAfter when the client's token expires ({@link Instant#MAX} without a token)
     */
    synchronized Session open(String stream, String subject, SessionOwner owner, ClientKind client,
                              @Nullable String peerId, Instant notAfter) throws LimitReachedException {
        Instant now = clock.instant();
        Map<String, Session> owned = byOwner.getOrDefault(owner, Map.of());
        if (owned.size() >= maxPerOwner) {
            owned.values().stream().filter(s -> stale(s, now)).map(Session::id).toList().forEach(this::remove);
            if (byOwner.getOrDefault(owner, Map.of()).size() >= maxPerOwner) {
                throw new LimitReachedException(Limit.OWNER, owner.key() + " already holds " + maxPerOwner
                        + " sessions (api.max-sessions-per-subject); unused ones are forgotten after " + ttl);
            }
        }
        if (sessions.size() >= max) {
            expire();
            if (sessions.size() >= max) {
                throw new LimitReachedException(Limit.TOTAL, "too many sessions; retry shortly");
            }
        }
        byte[] id = new byte[16];
        random.nextBytes(id);
        Session s = new Session(B64.encodeToString(id), stream, subject, owner, client, peerId, now, now, notAfter);
        sessions.put(s.id(), s);
        byOwner.computeIfAbsent(owner, k -> new HashMap<>()).put(s.id(), s);
        return s;
    }

    /**
     * The session, marked as seen now; empty if unknown or unused for longer than the time to live.
     *
     * @throws TokenException when the token it was opened with has expired since: the session is gone
     *                        and the client needs a fresh token
     */
    synchronized Optional<Session> touch(String id) throws TokenException {
        Instant now = clock.instant();
        Session old = sessions.get(id);
        if (old == null) {
            return Optional.empty();
        }
        if (stale(old, now)) {
            remove(id);
            if (!now.isBefore(old.notAfter())) {
                throw new TokenException(TokenException.Reason.EXPIRED, "the session's token expired at "
                        + old.notAfter() + "; open a new session with a fresh token");
            }
            return Optional.empty();
        }
        Session s = old.seen(now);
        sessions.put(id, s);
        byOwner.get(s.owner()).put(id, s);
        return Optional.of(s);
    }

    /** Forgets every session unused for the time to live or whose token has expired. */
    synchronized void expire() {
        Instant now = clock.instant();
        sessions.values().stream().filter(s -> stale(s, now)).map(Session::id).toList().forEach(this::remove);
    }

    synchronized int size() {
        return sessions.size();
    }

    private boolean stale(Session s, Instant now) {
        return s.lastSeen().plus(ttl).isBefore(now) || !now.isBefore(s.notAfter());
    }

    private void remove(String id) {
        Session s = sessions.remove(id);
        if (s != null) {
            Map<String, Session> owned = byOwner.get(s.owner());
            owned.remove(id);
            if (owned.isEmpty()) {
                byOwner.remove(s.owner());
            }
        }
    }
}
