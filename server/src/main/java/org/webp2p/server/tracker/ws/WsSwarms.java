package org.webp2p.server.tracker.ws;

import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * The WebTorrent tracker's state and rules, without sockets: swarms keyed by info hash, each peer
 * reachable through the {@link WsLink} it announced on, offers relayed to random other peers of the
 * swarm and answers to the peer they name.
 *
 * <p>Threading: any thread may call any method. Each swarm is locked on its own, so announces to
 * different swarms never wait on each other; a client's membership list is locked after its swarm,
 * never before. Messages are sent after the swarm's lock is released.
 */
public final class WsSwarms {
    private final WsLimits limits;
    private final Clock clock;
    private final RandomGenerator random;
    private final Predicate<String> admitted;
    private final WsCounters counters;
    private final Map<String, Swarm> swarms = new ConcurrentHashMap<>();
    private final Map<InetAddress, Integer> socketsByAddress = new ConcurrentHashMap<>();
    private final AtomicInteger sockets = new AtomicInteger();

    /**
     * @param admitted which info hashes may form a swarm (all, or only those of known streams)
     * @param random   picks the peers each offer goes to
     */
    public WsSwarms(WsLimits limits, Clock clock, RandomGenerator random, Predicate<String> admitted,
                    WsCounters counters) {
        this.limits = limits;
        this.clock = clock;
        this.random = random;
        this.admitted = admitted;
        this.counters = counters;
    }

    /** A peer: one peer id in one swarm, reached through one client's socket. */
    static final class Peer {
        final String peerId;
        final Swarm swarm;
        final long joined;
        WsClient client;
        long lastSeen;
        boolean seeder;
        /** Index in {@link Swarm#list}, so leaving and random picks are both O(1). */
        int slot;

        Peer(String peerId, Swarm swarm, WsClient client, long joined) {
            this.peerId = peerId;
            this.swarm = swarm;
            this.client = client;
            this.joined = joined;
        }
    }

    static final class Swarm {
        final String infoHash;
        final List<Peer> list = new ArrayList<>();
        final Map<String, Peer> byId = new HashMap<>();
        int seeders;
        /** Set when the empty swarm left the map: a late joiner must look it up again. */
        boolean removed;

        Swarm(String infoHash) {
            this.infoHash = infoHash;
        }

        WsReply.Counts counts() {
            return new WsReply.Counts(seeders, list.size() - seeders);
        }
    }

    /**
     * Admits a new socket.
     *
     * @throws WsRefusal when its address already has {@link WsLimits#socketsPerAddress()} sockets
     */
    public WsClient connect(WsLink link) throws WsRefusal {
        boolean[] room = {false};
        socketsByAddress.compute(link.address(), (a, n) -> {
            int held = n == null ? 0 : n;
            room[0] = held < limits.socketsPerAddress();
            return room[0] ? held + 1 : n;
        });
        if (!room[0]) {
            counters.refused(WsCounters.Refused.SOCKETS_PER_ADDRESS);
            throw new WsRefusal(null, null, "too many connections from " + link.address().getHostAddress()
                    + " (at most " + limits.socketsPerAddress() + ")");
        }
        sockets.incrementAndGet();
        return new WsClient(link);
    }

    /** The socket closed: its peers leave every swarm at once. */
    public void disconnect(WsClient client) {
        for (Peer p : client.memberships()) {
            synchronized (p.swarm) {
                if (p.client == client && p.swarm.byId.get(p.peerId) == p) {
                    remove(p);
                }
            }
        }
        socketsByAddress.computeIfPresent(client.link.address(), (a, n) -> n <= 1 ? null : n - 1);
        sockets.decrementAndGet();
    }

    /** Handles one announce: joins, refreshes or leaves, replies, and relays the offers. */
    public void announce(WsClient client, WsRequest.Announce a) throws WsRefusal {
        counters.announces.increment();
        if (a.offers().size() > limits.maxOffers()) {
            throw refuse(WsCounters.Refused.OFFERS, a.infoHash(),
                    a.offers().size() + " offers in one announce; at most " + limits.maxOffers());
        }
        if (a.event() == WsEvent.STOPPED) {
            leave(client, a);
            return;
        }
        if (!admitted.test(a.infoHash())) {
            throw refuse(WsCounters.Refused.UNKNOWN_HASH, a.infoHash(),
                    "unknown info_hash: this tracker serves only the streams of its own origin");
        }
        List<Peer> targets;
        WsReply.Counts counts;
        while (true) {
            Swarm swarm = swarmFor(a.infoHash());
            synchronized (swarm) {
                if (swarm.removed) {
                    continue;
                }
                Peer me = refresh(swarm, client, a);
                counts = swarm.counts();
                targets = pick(swarm, me, a.relays());
                break;
            }
        }
        client.link.send(new WsReply.Announced(a.infoHash(), limits.interval().toSeconds(), counts.complete(),
                counts.incomplete()));
        // Counted before sending: a client that has its message must find it counted.
        counters.offersRelayed.add(targets.size());
        for (int i = 0; i < targets.size(); i++) {
            WsRequest.Offer offer = a.offers().get(i);
            targets.get(i).client.link.send(new WsReply.OfferRelay(a.infoHash(), a.peerId(), offer.offerId(),
                    offer.offer()));
        }
    }

    private Swarm swarmFor(String infoHash) throws WsRefusal {
        Swarm swarm = swarms.get(infoHash);
        if (swarm != null) {
            return swarm;
        }
        // Checked before creating, so a burst may overshoot by a few: the bound is on memory, not exact.
        if (swarms.size() >= limits.swarms()) {
            throw refuse(WsCounters.Refused.SWARMS, infoHash,
                    "too many swarms on this tracker (" + limits.swarms() + ")");
        }
        return swarms.computeIfAbsent(infoHash, Swarm::new);
    }

    /** Under the swarm's lock: the announcing peer, added or moved to this socket, seen now. */
    private Peer refresh(Swarm swarm, WsClient client, WsRequest.Announce a) throws WsRefusal {
        Peer me = swarm.byId.get(a.peerId());
        if (me == null) {
            if (swarm.list.size() >= limits.peersPerSwarm()) {
                throw refuse(WsCounters.Refused.SWARM_FULL, a.infoHash(),
                        "swarm is full (" + limits.peersPerSwarm() + " peers)");
            }
            me = new Peer(a.peerId(), swarm, client, clock.millis());
            me.slot = swarm.list.size();
            swarm.list.add(me);
            swarm.byId.put(me.peerId, me);
            client.join(me);
        } else if (me.client != client) {
            // The same peer id on a new socket: a client that reconnected. Its old socket is dead or will be.
            me.client.leave(me);
            me.client = client;
            client.join(me);
        }
        me.lastSeen = clock.millis();
        boolean seeder = me.seeder || a.event() == WsEvent.COMPLETED || a.seeder();
        if (seeder != me.seeder) {
            me.seeder = true;
            swarm.seeders++;
        }
        return me;
    }

    private void leave(WsClient client, WsRequest.Announce a) {
        Swarm swarm = swarms.get(a.infoHash());
        WsReply.Counts counts = new WsReply.Counts(0, 0);
        if (swarm != null) {
            synchronized (swarm) {
                Peer me = swarm.byId.get(a.peerId());
                if (me != null && me.client == client) {
                    remove(me);
                }
                counts = swarm.counts();
            }
        }
        client.link.send(new WsReply.Announced(a.infoHash(), limits.interval().toSeconds(), counts.complete(),
                counts.incomplete()));
    }

    /** Under the swarm's lock: up to {@code wanted} distinct random peers other than {@code me}. */
    private List<Peer> pick(Swarm swarm, Peer me, int wanted) {
        int n = swarm.list.size();
        int k = Math.min(wanted, n - 1);
        if (k <= 0) {
            return List.of();
        }
        List<Peer> out = new ArrayList<>(k);
        if (k == n - 1) {
            for (Peer p : swarm.list) {
                if (p != me) {
                    out.add(p);
                }
            }
            return out;
        }
        // k < n - 1: rejection sampling ends quickly, since at least two candidates stay free.
        while (out.size() < k) {
            Peer p = swarm.list.get(random.nextInt(n));
            if (p != me && !out.contains(p)) {
                out.add(p);
            }
        }
        return out;
    }

    /** Relays an answer to the peer whose offer it answers; the answerer gets no reply. */
    public void answer(WsClient client, WsRequest.Answer a) {
        counters.answers.increment();
        Swarm swarm = swarms.get(a.infoHash());
        Peer to = null;
        if (swarm != null) {
            synchronized (swarm) {
                Peer from = swarm.byId.get(a.peerId());
                if (from != null && from.client == client) {
                    from.lastSeen = clock.millis();
                }
                to = swarm.byId.get(a.toPeerId());
            }
        }
        if (to == null) {
            // The offerer left meanwhile; nobody is waiting for this answer.
            counters.answersUndeliverable.increment();
            return;
        }
        counters.answersRelayed.increment();
        to.client.link.send(new WsReply.AnswerRelay(a.infoHash(), a.peerId(), a.offerId(), a.answer()));
    }

    /** Replies with the counts of each swarm asked for (zeros for one that does not exist). */
    public void scrape(WsClient client, WsRequest.Scrape s) {
        counters.scrapes.increment();
        Map<String, WsReply.Counts> files = new LinkedHashMap<>();
        for (String h : s.infoHashes()) {
            files.put(h, counts(h).orElse(new WsReply.Counts(0, 0)));
        }
        client.link.send(new WsReply.Scraped(files, limits.interval().toSeconds()));
    }

    private Optional<WsReply.Counts> counts(String infoHash) {
        Swarm swarm = swarms.get(infoHash);
        if (swarm == null) {
            return Optional.empty();
        }
        synchronized (swarm) {
            return Optional.of(swarm.counts());
        }
    }

    /** Drops every peer not heard from for two intervals, and the swarms left empty. */
    public void expire() {
        long cutoff = clock.millis() - 2 * limits.interval().toMillis();
        for (Swarm swarm : swarms.values()) {
            synchronized (swarm) {
                for (int i = swarm.list.size() - 1; i >= 0; i--) {
                    Peer p = swarm.list.get(i);
                    if (p.lastSeen < cutoff) {
                        remove(p);
                        counters.expired.increment();
                    }
                }
            }
        }
    }

    /** Under the swarm's lock: takes {@code p} out of its swarm and its client, and an empty swarm out of the map. */
    private void remove(Peer p) {
        Swarm swarm = p.swarm;
        Peer last = swarm.list.remove(swarm.list.size() - 1);
        if (last != p) {
            swarm.list.set(p.slot, last);
            last.slot = p.slot;
        }
        swarm.byId.remove(p.peerId);
        if (p.seeder) {
            swarm.seeders--;
        }
        p.client.leave(p);
        if (swarm.list.isEmpty()) {
            drop(swarm);
        }
    }

    private void drop(Swarm swarm) {
        swarm.removed = true;
        swarms.remove(swarm.infoHash, swarm);
    }

    private WsRefusal refuse(WsCounters.Refused why, String infoHash, String reason) {
        counters.refused(why);
        return new WsRefusal("announce", infoHash, reason);
    }

    /** Every swarm with its counts, largest first. */
    public List<WsSwarmSummary> swarms() {
        List<WsSwarmSummary> out = new ArrayList<>();
        for (Swarm swarm : swarms.values()) {
            synchronized (swarm) {
                if (!swarm.list.isEmpty()) {
                    WsReply.Counts c = swarm.counts();
                    out.add(new WsSwarmSummary(swarm.infoHash, c.complete(), c.incomplete()));
                }
            }
        }
        out.sort((x, y) -> x.peers() != y.peers() ? Integer.compare(y.peers(), x.peers())
                : x.infoHash().compareTo(y.infoHash()));
        return out;
    }

    /** Every peer of every swarm, by swarm and then as they joined it. */
    public List<WsPeerSummary> peers() {
        List<WsPeerSummary> out = new ArrayList<>();
        for (Swarm swarm : swarms.values()) {
            synchronized (swarm) {
                for (Peer p : swarm.list) {
                    out.add(new WsPeerSummary(p.peerId, swarm.infoHash, p.client.link.address(), p.joined, p.lastSeen));
                }
            }
        }
        out.sort(Comparator.comparing(WsPeerSummary::infoHash).thenComparingLong(WsPeerSummary::joinedMs)
                .thenComparing(WsPeerSummary::peerId));
        return out;
    }

    /** Open sockets, in swarms or not. */
    public int sockets() {
        return sockets.get();
    }
}
