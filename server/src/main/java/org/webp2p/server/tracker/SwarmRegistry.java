package org.webp2p.server.tracker;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.webp2p.protocol.admin.PeerRecord;
import org.webp2p.protocol.admin.SwarmSummary;
import org.webp2p.protocol.tracker.AnnounceEvent;
import org.webp2p.protocol.tracker.AnnounceRequest;
import org.webp2p.server.tracker.AnnounceRefusedException.Reason;

/**
 * Every swarm and its live peers. A peer that misses two announce intervals is gone. Swarms are kept
 * strictly apart: a selection only ever draws from the asker's own swarm. Thread-safe; each swarm is
 * locked on its own so swarms never wait on each other, and only making a new swarm takes a lock of
 * the whole registry.
 */
public final class SwarmRegistry {
    private final Clock clock;
    private final Duration interval;
    private final Limits limits;
    private final PeerSelector selector;
    private final Map<String, Swarm> swarms = new ConcurrentHashMap<>();
    /** Held while a swarm is made or dropped, so the swarm count never passes its bound. */
    private final Object membership = new Object();
    private final LongAdder announces = new LongAdder();
    private final Map<Reason, LongAdder> refused = new EnumMap<>(Reason.class);
    private final LongAdder expired = new LongAdder();

    /** Bounds that keep one swarm, one address or many swarms from taking the tracker over. */
    public record Limits(int peersPerSwarm, int peersPerAddress, int listSize, int swarms) {
        public Limits {
            if (peersPerSwarm < 1 || peersPerAddress < 1 || listSize < 1 || swarms < 1) {
                throw new IllegalArgumentException("tracker limits must be positive");
            }
        }
    }

    /**
     * The answer to one announce.
     *
     * @param swarmSize live peers in the swarm, the asker included: clients size their share of
     *                  origin fetches by it
     */
    public record Answer(Duration interval, List<PeerRecord> peers, int swarmSize) {
    }

    public SwarmRegistry(Clock clock, Duration interval, Limits limits, PeerSelector selector) {
        this.clock = clock;
        this.interval = interval;
        this.limits = limits;
        this.selector = selector;
        for (Reason r : Reason.values()) {
            refused.put(r, new LongAdder());
        }
    }

    /**
     * Records an announce and answers with peers for the asker. A peer ID belongs to the session that
     * announced it first, for as long as the peer stays: only that session may update it or make it
     * leave, and a session is one peer of its swarm at a time.
     *
     * @param owner the session the announce's ticket proves it comes from
     * @throws AnnounceRefusedException when the peer is another session's, or the swarm, the source
     *                                  address or the tracker already has its fill
     */
    public Answer announce(AnnounceRequest request, InetAddress source, String owner) throws AnnounceRefusedException {
        announces.increment();
        Instant now = clock.instant();
        if (request.event() == AnnounceEvent.LEAVE) {
            Swarm swarm = swarms.get(request.swarm());
            if (swarm != null) {
                synchronized (swarm) {
                    expire(swarm, now);
                    if (swarm.peers.containsKey(request.peerId())) {
                        checkOwner(swarm, request.peerId(), owner);
                        swarm.remove(request.peerId());
                    }
                }
            }
            return new Answer(interval, List.of(), 0);
        }
        while (true) {
            Swarm swarm = swarmFor(request.swarm());
            synchronized (swarm) {
                if (swarm.dropped) {
                    continue; // emptied and dropped between the lookup and the lock: make it anew
                }
                expire(swarm, now);
                PeerRecord previous = swarm.peers.get(request.peerId());
                if (previous == null) {
                    checkNewPeer(swarm, source, owner);
                } else {
                    checkOwner(swarm, request.peerId(), owner);
                }
                PeerRecord me = record(request, source, previous == null ? now : previous.joined(), now);
                swarm.put(me, owner);
                int size = Math.min(limits.listSize(), request.want() == null ? limits.listSize() : request.want());
                return new Answer(interval, selector.select(me, swarm.peers.values(), size, interval, now),
                        swarm.peers.size());
            }
        }
    }

    /** The swarm, made now if it is new and there is room for one more. */
    private Swarm swarmFor(String id) throws AnnounceRefusedException {
        Swarm swarm = swarms.get(id);
        if (swarm != null) {
            return swarm;
        }
        synchronized (membership) {
            swarm = swarms.get(id);
            if (swarm == null) {
                if (swarms.size() >= limits.swarms()) {
                    throw refuse(Reason.SWARMS, "the tracker holds its most swarms (" + limits.swarms() + ")");
                }
                swarm = new Swarm(id);
                swarms.put(id, swarm);
            }
            return swarm;
        }
    }

    private static PeerRecord record(AnnounceRequest r, InetAddress source, Instant joined, Instant now) {
        return new PeerRecord(r.peerId(), r.swarm(), source, r.natType(), r.addresses(), r.position(), r.have(),
                r.uploadKbps(), joined, now);
    }

    private void checkOwner(Swarm swarm, String peerId, String owner) throws AnnounceRefusedException {
        if (!owner.equals(swarm.owners.get(peerId))) {
            throw refuse(Reason.NOT_OWNER, "peer " + peerId + " of swarm " + swarm.id
                    + " belongs to another session: only the session that announced it may update it or make it leave");
        }
    }

    private void checkNewPeer(Swarm swarm, InetAddress source, String owner) throws AnnounceRefusedException {
        String held = swarm.peerOf.get(owner);
        if (held != null) {
            throw refuse(Reason.NOT_OWNER, "this session is peer " + held + " of swarm " + swarm.id
                    + " already; a session announces as one peer");
        }
        if (swarm.peers.size() >= limits.peersPerSwarm()) {
            throw refuse(Reason.SWARM_FULL, "swarm " + swarm.id + " is full (" + limits.peersPerSwarm() + " peers)");
        }
        long fromSource = swarm.peers.values().stream().filter(p -> source.equals(p.source())).count();
        if (fromSource >= limits.peersPerAddress()) {
            throw refuse(Reason.ADDRESS, source.getHostAddress() + " already has " + fromSource
                    + " peers in swarm " + swarm.id);
        }
    }

    private AnnounceRefusedException refuse(Reason why, String message) {
        refused.get(why).increment();
        return new AnnounceRefusedException(why, message);
    }

    /** Drops every peer that missed two intervals, and swarms left empty. */
    public void expireAll() {
        Instant now = clock.instant();
        for (Swarm swarm : swarms.values()) {
            synchronized (membership) {
                synchronized (swarm) {
                    expire(swarm, now);
                    if (swarm.peers.isEmpty()) {
                        swarm.dropped = true;
                        swarms.remove(swarm.id, swarm);
                    }
                }
            }
        }
    }

    private void expire(Swarm swarm, Instant now) {
        Instant cutoff = now.minus(interval.multipliedBy(2));
        List<String> gone = swarm.peers.values().stream().filter(p -> p.lastSeen().isBefore(cutoff))
                .map(PeerRecord::peerId).toList();
        gone.forEach(swarm::remove);
        expired.add(gone.size());
    }

    /** Live peers of one swarm, longest-standing first; empty for an unknown swarm. */
    public List<PeerRecord> peers(String swarmId) {
        Swarm swarm = swarms.get(swarmId);
        if (swarm == null) {
            return List.of();
        }
        synchronized (swarm) {
            expire(swarm, clock.instant());
            List<PeerRecord> out = new ArrayList<>(swarm.peers.values());
            out.sort(Comparator.comparing(PeerRecord::joined).thenComparing(PeerRecord::peerId));
            return out;
        }
    }

    /** Every swarm with its live peer count, largest first. */
    public List<SwarmSummary> swarms() {
        List<SwarmSummary> out = new ArrayList<>();
        for (Swarm swarm : swarms.values()) {
            synchronized (swarm) {
                expire(swarm, clock.instant());
                if (!swarm.peers.isEmpty()) {
                    out.add(new SwarmSummary(swarm.id, swarm.peers.size()));
                }
            }
        }
        out.sort(Comparator.comparingInt(SwarmSummary::peers).reversed().thenComparing(SwarmSummary::swarm));
        return out;
    }

    public int peerCount(String swarmId) {
        return peers(swarmId).size();
    }

    public long announces() {
        return announces.sum();
    }

    /** Announces refused, for every reason. */
    public long refused() {
        return refused.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long refused(Reason why) {
        return refused.get(why).sum();
    }

    public long expired() {
        return expired.sum();
    }

    /** One swarm's peers and who owns each; its lock guards all of it. */
    private static final class Swarm {
        final String id;
        final Map<String, PeerRecord> peers = new HashMap<>();
        /** Peer ID to the session that announced it. */
        final Map<String, String> owners = new HashMap<>();
        /** Session to the peer ID it announced. */
        final Map<String, String> peerOf = new HashMap<>();
        /** Out of the registry: an announce that found it just before must make the swarm anew. */
        boolean dropped;

        Swarm(String id) {
            this.id = id;
        }

        void put(PeerRecord p, String owner) {
            peers.put(p.peerId(), p);
            owners.put(p.peerId(), owner);
            peerOf.put(owner, p.peerId());
        }

        void remove(String peerId) {
            peers.remove(peerId);
            String owner = owners.remove(peerId);
            if (owner != null) {
                peerOf.remove(owner);
            }
        }
    }
}
