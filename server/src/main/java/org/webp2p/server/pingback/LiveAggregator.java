package org.webp2p.server.pingback;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.webp2p.protocol.ClientKind;
import org.webp2p.protocol.admin.LiveSession;
import org.webp2p.protocol.admin.PeerLink;
import org.webp2p.protocol.admin.SwarmFigures;
import org.webp2p.protocol.pingback.Beacon;

/**
 * Per-swarm, per-rendition and global figures over a sliding window: sums in time buckets ({@link WindowSums}),
 * each live session once (who is in the window, and its byte totals), and the bytes between pairs
 * of peers ({@link SwarmLinks}). Memory is bounded: {@link #prune} (run on a timer, not only when
 * someone reads) forgets what left the window, and each swarm keeps at most {@code maxSwarmSessions}
 * sessions and {@code maxSwarmLinks} pairs; beyond them a beacon's sums still count but its session
 * or link is not kept, and the drop is counted. Also remembers each session's recent stalls, which
 * the scheduler reads to lower a struggling client's prefetch. A beacon that names its rendition
 * counts for its swarm and for that rendition ({@code SWARM/RENDITION}, the swarm its client is a
 * peer of), so a stream's figures are the totals and each rendition's are its share. Thread-safe:
 * one lock.
 */
public final class LiveAggregator {
    public static final String ALL = SwarmFigures.ALL_SWARMS;
    /**
     * Renditions kept per swarm. Pingback cannot check a beacon's rendition against the stream's
     * master playlist (a handful of names), so a client naming ever new ones must not grow a swarm.
     */
    public static final int MAX_RENDITIONS = 32;
    private static final long NEVER = Long.MIN_VALUE;

    private final Clock clock;
    private final long windowMs;
    private final long bucketMs;
    private final int maxSwarmSessions;
    private final int maxSwarmLinks;
    private final Map<String, Swarm> swarms = new HashMap<>();
    private final WindowSums global;
    /**
     * Every session kept, by ID, least recently heard first (each beacon moves its session to the end),
     * so pruning costs only what it forgets; each is also in its swarm's map, in the same order.
     */
    private final Map<String, SessionHealth> sessions = new LinkedHashMap<>();
    private long droppedSessions;
    private long droppedLinks;

    /**
     * What the scheduler needs to know about one client, what kind of client it is, and the bytes its
     * beacons reported while it stayed live (the console's Peers page shows them beside the peer).
     */
    public record SessionHealth(String sessionId, @Nullable String peerId, String swarm, ClientKind client,
                                Instant lastBeacon, long stallsInWindow, long stallMsInWindow, long bufferMs,
                                long httpBytes, long p2pBytes, long uploadedBytes, List<Beacon.Attempt> attempts,
                                List<Beacon.AttemptCount> attemptCounts, @Nullable String rendition) {
        public SessionHealth {
            attempts = List.copyOf(attempts);
            attemptCounts = List.copyOf(attemptCounts);
        }

        /** A session whose latest beacon named no rendition. */
        public SessionHealth(String sessionId, @Nullable String peerId, String swarm, ClientKind client, Instant lastBeacon,
                             long stallsInWindow, long stallMsInWindow, long bufferMs, long httpBytes, long p2pBytes,
                             long uploadedBytes, List<Beacon.Attempt> attempts, List<Beacon.AttemptCount> attemptCounts) {
            this(sessionId, peerId, swarm, client, lastBeacon, stallsInWindow, stallMsInWindow, bufferMs, httpBytes,
                    p2pBytes, uploadedBytes, attempts, attemptCounts, null);
        }

        /** A session that told of no connection attempts. */
        public SessionHealth(String sessionId, @Nullable String peerId, String swarm, ClientKind client, Instant lastBeacon,
                             long stallsInWindow, long stallMsInWindow, long bufferMs, long httpBytes, long p2pBytes,
                             long uploadedBytes) {
            this(sessionId, peerId, swarm, client, lastBeacon, stallsInWindow, stallMsInWindow, bufferMs, httpBytes,
                    p2pBytes, uploadedBytes, List.of(), List.of());
        }

        /** As the node's state shows it. */
        public LiveSession live() {
            return new LiveSession(sessionId, peerId, swarm, client, httpBytes, p2pBytes, uploadedBytes, lastBeacon,
                    attempts, attemptCounts, rendition);
        }
    }

    /** A beacon with when its session began, as its ticket says. */
    record Ticketed(Beacon beacon, Instant sessionStart) {
    }

    /** What became of a batch offered to {@link #admit}; {@code reason} says why an implausible one was refused. */
    record Admission(Verdict verdict, String reason) {
        enum Verdict { ADDED, IMPLAUSIBLE, NOT_STORED }
    }

    /** One swarm: its sums, those of each of its renditions, its live sessions and its links. */
    private final class Swarm {
        final String name;
        final WindowSums sums = new WindowSums(bucketMs);
        /** By rendition name: the beacons that named it. Few per stream, as its master playlist lists. */
        final Map<String, WindowSums> renditions = new HashMap<>();
        final Map<String, SessionHealth> sessions = new LinkedHashMap<>();
        final SwarmLinks links = new SwarmLinks(maxSwarmLinks);
        /** When a full swarm last looked for room, so a crowd at the limit costs one sweep a bucket. */
        long sessionSweep = NEVER;
        long linkSweep = NEVER;

        Swarm(String name) {
            this.name = name;
        }

        /** Peer IDs of its sessions live since {@code oldest}. */
        Set<String> present(long oldest) {
            Set<String> out = new HashSet<>();
            for (SessionHealth h : sessions.values()) {
                if (h.peerId() != null && h.lastBeacon().toEpochMilli() >= oldest) {
                    out.add(h.peerId());
                }
            }
            return out;
        }
    }

    /** The session's attempts so far and the beacon's, the latest {@link LiveSession#MAX_ATTEMPTS} of them. */
    private static List<Beacon.Attempt> latestAttempts(List<Beacon.Attempt> before, List<Beacon.Attempt> now) {
        if (now.isEmpty()) {
            return before;
        }
        List<Beacon.Attempt> all = new ArrayList<>(before);
        all.addAll(now);
        return all.subList(Math.max(0, all.size() - LiveSession.MAX_ATTEMPTS), all.size());
    }

    /**
     * The session's attempt counts and the beacon's, added kind by kind. Kinds are few (NAT types
     * times ways to end), and a kind beyond what one beacon may carry is not kept, so a session's
     * list stays as short as a beacon's.
     */
    private static List<Beacon.AttemptCount> addedCounts(List<Beacon.AttemptCount> before,
                                                         List<Beacon.AttemptCount> now) {
        if (now.isEmpty()) {
            return before;
        }
        Map<List<Object>, Beacon.AttemptCount> sum = new LinkedHashMap<>();
        for (Beacon.AttemptCount c : before) {
            sum.put(c.kind(), c);
        }
        for (Beacon.AttemptCount c : now) {
            Beacon.AttemptCount had = sum.get(c.kind());
            if (had != null) {
                sum.put(c.kind(), new Beacon.AttemptCount(c.remoteNat(), c.outcome(), c.reason(),
                        (int) Math.min(Integer.MAX_VALUE, (long) had.count() + c.count())));
            } else if (sum.size() < Beacon.MAX_ATTEMPT_COUNTS) {
                sum.put(c.kind(), c);
            }
        }
        return List.copyOf(sum.values());
    }

    /** Figures with no limit on sessions or links per swarm beyond what memory allows (tests). */
    public LiveAggregator(Clock clock, Duration window, Duration bucket) {
        this(clock, window, bucket, Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    public LiveAggregator(Clock clock, Duration window, Duration bucket, int maxSwarmSessions, int maxSwarmLinks) {
        if (bucket.isZero() || bucket.isNegative() || window.compareTo(bucket) < 0) {
            throw new IllegalArgumentException("need 0 < bucket <= window");
        }
        if (maxSwarmSessions < 1 || maxSwarmLinks < 0) {
            throw new IllegalArgumentException("a swarm keeps at least one session");
        }
        this.clock = clock;
        this.windowMs = window.toMillis();
        this.bucketMs = bucket.toMillis();
        this.maxSwarmSessions = maxSwarmSessions;
        this.maxSwarmLinks = maxSwarmLinks;
        this.global = new WindowSums(bucketMs);
    }

    /**
     * Adds a batch, all or none, if every beacon is plausible over the time since its session was last
     * heard (its previous beacon in the window, else the start of the session) and {@code store} takes
     * it too. One lock around the check and the adding, so two requests of one session at once cannot
     * both claim the same interval.
     */
    synchronized Admission admit(List<Ticketed> batch, Plausibility plausibility, BooleanSupplier store) {
        long now = clock.millis();
        Map<String, Long> heard = new HashMap<>();
        for (Ticketed t : batch) {
            Beacon b = t.beacon();
            long since = heard.computeIfAbsent(b.sessionId(), id -> lastHeard(id, now)
                    .orElse(t.sessionStart().toEpochMilli()));
            Optional<String> why = plausibility.check(b, now - since);
            if (why.isPresent()) {
                return new Admission(Admission.Verdict.IMPLAUSIBLE, why.get());
            }
            heard.put(b.sessionId(), now);
        }
        if (!store.getAsBoolean()) {
            return new Admission(Admission.Verdict.NOT_STORED, "");
        }
        batch.forEach(t -> add(t.beacon()));
        return new Admission(Admission.Verdict.ADDED, "");
    }

    private Optional<Long> lastHeard(String sessionId, long now) {
        SessionHealth h = sessions.get(sessionId);
        return h == null || !live(h, now - windowMs) ? Optional.empty() : Optional.of(h.lastBeacon().toEpochMilli());
    }

    public synchronized void add(Beacon b) {
        long now = clock.millis();
        global.add(b, now);
        Swarm swarm = swarms.computeIfAbsent(b.swarm(), Swarm::new);
        swarm.sums.add(b, now);
        WindowSums rendition = b.rendition() == null ? null : swarm.renditions.get(b.rendition());
        if (rendition == null && b.rendition() != null && swarm.renditions.size() < MAX_RENDITIONS) {
            rendition = new WindowSums(bucketMs);
            swarm.renditions.put(b.rendition(), rendition);
        }
        if (rendition != null) {
            rendition.add(b, now);
        }

        // Taken out and put back at the end: the maps stay in the order sessions were last heard.
        SessionHealth old = sessions.remove(b.sessionId());
        if (old != null) {
            forget(old);
            if (!old.swarm().equals(swarm.name)) {
                old = null;
            }
        }
        if (old == null && !roomForSession(swarm, now)) {
            droppedSessions++;
            return;
        }
        boolean fresh = old != null && live(old, now - windowMs);
        // A beacon without a peer id (sent before the client had one) keeps the one already known.
        String peerId = b.peerId() != null ? b.peerId() : fresh ? old.peerId() : null;
        SessionHealth h = new SessionHealth(b.sessionId(), peerId, swarm.name, b.clientKind(), Instant.ofEpochMilli(now),
                Saturating.add(fresh ? old.stallsInWindow() : 0, b.stalls()),
                Saturating.add(fresh ? old.stallMsInWindow() : 0, b.stallMs()), b.bufferMs(),
                Saturating.add(fresh ? old.httpBytes() : 0, b.httpBytes()),
                Saturating.add(fresh ? old.p2pBytes() : 0, b.p2pBytes()),
                Saturating.add(fresh ? old.uploadedBytes() : 0, b.uploadedBytes()),
                latestAttempts(fresh ? old.attempts() : List.of(), b.attempts()),
                addedCounts(fresh ? old.attemptCounts() : List.of(), b.attemptCounts()), b.rendition());
        sessions.put(h.sessionId(), h);
        swarm.sessions.put(h.sessionId(), h);

        if (b.peerId() != null) {
            for (Beacon.Link l : b.links()) {
                if (!swarm.links.add(b.peerId(), l, now) && !(makeRoomForLink(swarm, now) && swarm.links.add(b.peerId(), l, now))) {
                    droppedLinks++;
                }
            }
        }
    }

    /** Whether one more session fits the swarm, after forgetting its silent ones if it is full. */
    private boolean roomForSession(Swarm swarm, long now) {
        if (swarm.sessions.size() < maxSwarmSessions) {
            return true;
        }
        if (due(swarm.sessionSweep, now)) {
            swarm.sessionSweep = now;
            long oldest = now - windowMs;
            for (Iterator<SessionHealth> it = swarm.sessions.values().iterator(); it.hasNext(); ) {
                SessionHealth h = it.next();
                if (live(h, oldest)) {
                    break;
                }
                it.remove();
                sessions.remove(h.sessionId());
            }
        }
        return swarm.sessions.size() < maxSwarmSessions;
    }

    /** Whether the swarm's links have room, after making some if it has not in the last bucket. */
    private boolean makeRoomForLink(Swarm swarm, long now) {
        if (due(swarm.linkSweep, now)) {
            swarm.linkSweep = now;
            swarm.links.makeRoom(swarm.present(now - windowMs));
        }
        return !swarm.links.isFull();
    }

    /** Whether a bucket has passed since {@code last}, so a sweep may run again. */
    private boolean due(long last, long now) {
        return last == NEVER || now - last >= bucketMs;
    }

    private void forget(SessionHealth h) {
        sessions.remove(h.sessionId());
        Swarm s = swarms.get(h.swarm());
        if (s != null) {
            s.sessions.remove(h.sessionId());
        }
    }

    private static boolean live(SessionHealth h, long oldest) {
        return h.lastBeacon().toEpochMilli() >= oldest;
    }

    /** Figures of one swarm, or of every swarm together for {@link #ALL}. */
    public synchronized SwarmFigures figures(String swarm) {
        long oldest = clock.millis() - windowMs;
        if (ALL.equals(swarm)) {
            return global.figures(swarm, oldest, presence(sessions.values(), oldest));
        }
        Swarm s = swarms.get(swarm);
        return s == null ? new WindowSums(bucketMs).figures(swarm, oldest, WindowSums.nobody())
                : s.sums.figures(swarm, oldest, presence(s.sessions.values(), oldest));
    }

    private static WindowSums.Presence presence(Collection<SessionHealth> all, long oldest) {
        Set<String> peers = new HashSet<>();
        Map<ClientKind, Integer> kinds = new EnumMap<>(ClientKind.class);
        for (SessionHealth h : all) {
            if (live(h, oldest)) {
                if (h.peerId() != null) {
                    peers.add(h.peerId());
                }
                kinds.merge(h.client(), 1, Integer::sum);
            }
        }
        return new WindowSums.Presence(peers.size(), kinds);
    }

    /** Figures of every swarm with data in the window, busiest first. */
    public synchronized List<SwarmFigures> swarms() {
        long oldest = clock.millis() - windowMs;
        List<SwarmFigures> out = new ArrayList<>();
        swarms.forEach((name, s) -> {
            WindowSums.Presence p = presence(s.sessions.values(), oldest);
            if (s.sums.any(oldest) || p.allSessions() > 0) {
                out.add(s.sums.figures(name, oldest, p));
            }
        });
        out.sort(Comparator.comparingInt(SwarmFigures::sessions).reversed().thenComparing(SwarmFigures::swarm));
        return out;
    }

    /**
     * Figures of each rendition with data in the window, named {@code SWARM/RENDITION}, by name: the
     * beacons that named it, and the sessions whose latest beacon did (a client that switched counts
     * where it plays now, its bytes where it fetched them).
     */
    public synchronized List<SwarmFigures> renditions() {
        long oldest = clock.millis() - windowMs;
        List<SwarmFigures> out = new ArrayList<>();
        swarms.forEach((name, s) -> s.renditions.forEach((rendition, sums) -> {
            WindowSums.Presence p = presence(s.sessions.values().stream()
                    .filter(h -> rendition.equals(h.rendition())).toList(), oldest);
            if (sums.any(oldest) || p.allSessions() > 0) {
                out.add(sums.figures(name + "/" + rendition, oldest, p));
            }
        }));
        out.sort(Comparator.comparing(SwarmFigures::swarm));
        return out;
    }

    /**
     * Live links between peers of one swarm that both beaconed in the window, heaviest first. Each
     * direction of a link counts the larger of what its sender and its receiver reported, so a link
     * both ends report is not counted twice and one only one end reports still shows.
     */
    public synchronized List<PeerLink> links(String swarm) {
        Swarm s = swarms.get(swarm);
        long oldest = clock.millis() - windowMs;
        return s == null ? List.of() : s.links.live(oldest, s.present(oldest));
    }

    public synchronized Optional<SessionHealth> session(String sessionId) {
        SessionHealth h = sessions.get(sessionId);
        return h == null || !live(h, clock.millis() - windowMs) ? Optional.empty() : Optional.of(h);
    }

    /** Every session with a beacon in the window, most recently heard first. */
    public synchronized List<SessionHealth> sessions() {
        long oldest = clock.millis() - windowMs;
        List<SessionHealth> out = new ArrayList<>(sessions.values().stream().filter(h -> live(h, oldest)).toList());
        out.sort(Comparator.comparing(SessionHealth::lastBeacon).reversed().thenComparing(SessionHealth::sessionId));
        return out;
    }

    /**
     * Forgets what left the window: buckets, sessions, links, and swarms with nothing left. Readers
     * see only the window anyway; this is what keeps a node nobody reads from growing.
     */
    public synchronized void prune() {
        long oldest = clock.millis() - windowMs;
        global.prune(oldest);
        forgetSilent(sessions, oldest);
        swarms.values().removeIf(s -> {
            forgetSilent(s.sessions, oldest);
            boolean noSums = s.sums.prune(oldest);
            s.renditions.values().removeIf(r -> r.prune(oldest));
            boolean noLinks = s.links.prune(oldest);
            return noSums && noLinks && s.sessions.isEmpty();
        });
    }

    /** Removes sessions last heard before {@code oldest} from the head of a map kept in that order. */
    private static void forgetSilent(Map<String, SessionHealth> byLastHeard, long oldest) {
        for (Iterator<SessionHealth> it = byLastHeard.values().iterator(); it.hasNext() && !live(it.next(), oldest); ) {
            it.remove();
        }
    }

    /** Sessions held now, live or not yet pruned. */
    public synchronized int heldSessions() {
        return sessions.size();
    }

    /** Links held now, over every swarm. */
    public synchronized int heldLinks() {
        return swarms.values().stream().mapToInt(s -> s.links.size()).sum();
    }

    /** Beacons whose session was not kept: its swarm had {@code maxSwarmSessions} already. */
    public synchronized long droppedSessions() {
        return droppedSessions;
    }

    /** Link reports not kept: their swarm had {@code maxSwarmLinks} pairs already. */
    public synchronized long droppedLinks() {
        return droppedLinks;
    }
}
