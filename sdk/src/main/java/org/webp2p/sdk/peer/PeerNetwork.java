package org.webp2p.sdk.peer;

import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import org.webp2p.nat.NatCompatibility;
import org.webp2p.nat.NatType;
import org.webp2p.protocol.tracker.AnnounceAnswer;
import org.webp2p.rtmfp.crypto.PeerId;
import org.webp2p.rtmfp.net.RtmfpEndpoint;
import org.webp2p.rtmfp.session.ReceiveFlow;
import org.webp2p.rtmfp.session.Session;
import org.webp2p.rtmfp.session.SessionListener;
import org.webp2p.rtmfp.session.SessionState;
import org.webp2p.rtmfp.wire.Bytes;
import org.webp2p.rtmfp.wire.MalformedInputException;
import org.webp2p.sdk.diagnostics.PeerConnectionFailure;
import org.webp2p.sdk.diagnostics.PeerFailureReason;
import org.webp2p.sdk.fetch.FallbackReason;
import org.webp2p.sdk.fetch.PartialSegment;
import org.webp2p.sdk.nat.LocalAddresses;

/**
 * This client's side of the swarm: one RTMFP endpoint with a session to the rendezvous node, through
 * which it is introduced to the peers the tracker offers, and one session per peer carrying the
 * segment protocol ({@link PeerMessage}). It answers which peers hold a segment, fetches segments
 * from them, and serves its own within the upload budget.
 *
 * <p>Every method but {@link #peerId} and {@link #close} runs on the owner's event loop, which is
 * also the endpoint's, so nothing here needs a lock; they check it. Losing the rendezvous only
 * stops new introductions: links already up keep working, and the session to the rendezvous is
 * reopened with backoff.
 */
public final class PeerNetwork {
    /** Flow metadata of the segment protocol, so the far end knows what the flow carries. */
    static final Bytes FLOW_METADATA = Bytes.of("webp2p-segments/1".getBytes(StandardCharsets.US_ASCII));
    private static final long BAN_MS = 10 * 60_000;

    private final RtmfpEndpoint endpoint;
    private final EventLoop loop;
    private final LongSupplier clock;
    private final PeerEvents events;
    private final HeldSegments held;
    private String swarm;
    private final String myId;
    private final int maxPeers;
    private final Uploads uploads;
    /** Segments peers were told this client receives and passes on ({@link #arriving}). */
    private final TreeSet<Long> arrivingTold = new TreeSet<>();
    private final Map<Session, PeerLink> bySession = new LinkedHashMap<>();
    private final Map<String, PeerLink> byPeer = new HashMap<>();
    private final Set<String> connecting = new HashSet<>();
    private final PeerRetries retries = new PeerRetries();
    private final Map<String, Long> bannedUntil = new HashMap<>();
    private final Map<String, LinkTotals> linkTotals = new LinkedHashMap<>();
    private final Map<NatType, ConnectionTotals> connectionTotals = new LinkedHashMap<>();
    private final AttemptLog attempts = new AttemptLog();
    /**
     * Connections this client tried whose outcome is still open, by peer: one succeeds when the peer
     * greets on some session to it, not when a session merely comes up, for a peer that is full
     * closes the session it accepted, which is a refusal.
     */
    private final Map<String, Trying> trying = new HashMap<>();
    private final RendezvousLink rendezvous;
    private final List<InetSocketAddress> localAddresses;
    private NatType natType = NatType.UNKNOWN;
    private boolean closed;

    /**
     * Takes over {@code endpoint}'s incoming sessions; nothing is sent until {@link #joinRendezvous}.
     *
     * @param loop            the endpoint's event loop, where every method but {@link #close} runs
     * @param maxPeers        how many peers this client links to at most
     * @param uploadLimitKbps what serving peers may use of the uplink, 0 for no limit
     * @param held            the segments served to peers
     * @param events          hears of segments, transfers and peer failures, on the loop
     */
    public PeerNetwork(RtmfpEndpoint endpoint, EventLoop loop, LongSupplier clockMs, String swarm, int maxPeers,
                       int uploadLimitKbps, HeldSegments held, PeerEvents events) {
        this.endpoint = endpoint;
        this.loop = loop;
        this.clock = clockMs;
        this.swarm = swarm;
        this.maxPeers = maxPeers;
        this.held = held;
        this.uploads = new Uploads(loop, clockMs, uploadLimitKbps, bySession::values, held,
                (link, bytes) -> count(link, 0, bytes),
                (link, sequence) -> send(link, new PeerMessage.Refuse(sequence, PeerMessage.Refuse.Reason.NOT_HELD)));
        this.events = events;
        this.myId = endpoint.peerId().toHex();
        this.localAddresses = LocalAddresses.of(endpoint.localAddress());
        this.rendezvous = new RendezvousLink(endpoint, loop, clockMs, () -> natType, () -> localAddresses);
        endpoint.setIncomingSessionHandler(this::incoming);
    }

    /** This client's id in the swarm: its RTMFP peer ID in hex, which the rendezvous introduces by. */
    public String peerId() {
        return myId;
    }

    /**
     * Where peers on this client's own network can reach its socket directly: what the rendezvous
     * and the tracker are told, so that two clients behind one NAT meet on their LAN.
     */
    public List<InetSocketAddress> localAddresses() {
        return localAddresses;
    }

    /** This client's NAT type, as peers and the rendezvous are told it. */
    public void natType(NatType type) {
        requireLoop("natType");
        this.natType = type;
    }

    /** Opens the session to the first rendezvous node that answers, and keeps one open. */
    public void joinRendezvous(List<String> uris, String stream, String token) {
        requireLoop("joinRendezvous");
        rendezvous.join(uris, stream, token);
    }

    /**
     * The rendezvous nodes a renewed plan names: the next reconnection tries them (a restarted or
     * moved node); a session that is up stays where it is.
     */
    public void rendezvousNodes(List<String> uris) {
        requireLoop("rendezvousNodes");
        rendezvous.nodes(uris);
    }

    /** True while the rendezvous node has accepted this client and can introduce it to peers. */
    public boolean rendezvousUp() {
        requireLoop("rendezvousUp");
        return rendezvous.up();
    }

    /** Connects to offered peers until this client has its fill. */
    public void offer(List<AnnounceAnswer.Peer> peers) {
        requireLoop("offer");
        if (closed || !rendezvous.up()) {
            return;
        }
        long now = clock.getAsLong();
        for (AnnounceAnswer.Peer p : peers) {
            if (byPeer.size() + connecting.size() >= maxPeers) {
                return;
            }
            String id = p.peerId();
            if (id.equals(myId) || byPeer.containsKey(id) || connecting.contains(id)
                    || retries.waiting(id, now) || bannedUntil.getOrDefault(id, 0L) > now) {
                continue;
            }
            connect(id, p.natType(), p.addresses(), p.sameNat());
        }
    }

    /**
     * Dials the peer through the rendezvous, which forwards the IHello to it and redirects us to its
     * addresses, and at once at the local addresses it announced: on a shared LAN those are the only
     * ones that work, and elsewhere an IHello to them is simply unanswered.
     */
    private void connect(String id, NatType remoteNat, List<String> announced, boolean sameNat) {
        PeerId target;
        try {
            target = PeerId.fromHex(id);
        } catch (IllegalArgumentException e) {
            retries.never(id);
            return;
        }
        connecting.add(id);
        connectionTotals.merge(remoteNat, new ConnectionTotals(remoteNat, 1, 0), ConnectionTotals::plus);
        InetSocketAddress introducer = rendezvous.address();
        List<InetSocketAddress> farLocal = announced.stream().map(LocalAddresses::parse).flatMap(Optional::stream)
                .filter(a -> !a.equals(introducer)).limit(LocalAddresses.MAX).toList();
        trying.put(id, new Trying(remoteNat, sameNat, farLocal, false));
        List<InetSocketAddress> destinations = new ArrayList<>(farLocal);
        destinations.add(0, introducer);
        endpoint.connectToPeer(target, destinations, listener()).whenCompleteAsync((session, failure) -> {
            connecting.remove(id);
            if (closed) {
                return;
            }
            if (failure != null) {
                trying.remove(id);
                retries.failed(id, clock.getAsLong());
                PeerFailureReason reason = sameNat && (farLocal.isEmpty() || localAddresses.isEmpty())
                        ? PeerFailureReason.SAME_NAT_NO_LOCAL_ADDRESS : failureReason(remoteNat);
                attempts.add(id, remoteNat, sameNat, ConnectionAttempt.Outcome.FAILED, reason, clock.getAsLong());
                events.peerFailed(new PeerConnectionFailure(id, reason,
                        "no session through rendezvous " + introducer + " (" + natType + " to " + remoteNat
                                + (sameNat ? ", behind the same NAT, local addresses " + farLocal : "") + "): "
                                + failure.getMessage()));
                return;
            }
            // The session this attempt made may lose to one the peer dialled at the same time.
            trying.computeIfPresent(id, (k, t) -> t.cameUpOn(session.farAddress()));
            if (!bySession.containsKey(session)) {
                PeerLink link = attach(session);
                if (link != null) {
                    link.natType = remoteNat;
                    link.out = session.openFlow(FLOW_METADATA);
                    greet(link);
                }
            }
            PeerLink linked = byPeer.get(id);
            if (linked == null) {
                refused(id, PeerFailureReason.BANNED); // banned meanwhile: this client refused it
            } else if (linked.greeted) {
                succeeded(linked); // the peer dialled us meanwhile and greeted on that session
            }
        }, loop);
    }

    /**
     * A connection this client tried whose outcome is still open, the local addresses the peer
     * announced, and whether a session of it came up on one of them.
     */
    private record Trying(NatType remoteNat, boolean sameNat, List<InetSocketAddress> farLocal, boolean lan) {
        /** On a LAN when a session reached one of the local addresses of a NATed peer (an open one's is public). */
        Trying cameUpOn(InetSocketAddress far) {
            return new Trying(remoteNat, sameNat, farLocal, lan || remoteNat != NatType.OPEN && farLocal.contains(far));
        }
    }

    /**
     * A connection this client tried came up and the peer greeted: a success, counted once, on a LAN
     * when this attempt's session or the one the peer greeted on reached a local address of it.
     */
    private void succeeded(PeerLink link) {
        Trying pending = trying.remove(link.peerId);
        if (pending != null) {
            Trying t = pending.cameUpOn(link.session.farAddress());
            boolean lan = t.lan();
            connectionTotals.merge(t.remoteNat(), new ConnectionTotals(t.remoteNat(), 0, 1, lan ? 1 : 0),
                    ConnectionTotals::plus);
            attempts.add(link.peerId, t.remoteNat(), t.sameNat(),
                    lan ? ConnectionAttempt.Outcome.LAN : ConnectionAttempt.Outcome.CONNECTED, null, clock.getAsLong());
        }
    }

    /**
     * A connection this client tried came up but was closed before the peers greeted: a refusal,
     * still counted as tried in the totals.
     */
    private void refused(String peer, PeerFailureReason why) {
        ended(peer, ConnectionAttempt.Outcome.REFUSED, why);
    }

    private void ended(String peer, ConnectionAttempt.Outcome outcome, PeerFailureReason why) {
        Trying t = trying.remove(peer);
        if (t != null) {
            attempts.add(peer, t.remoteNat(), t.sameNat(), outcome, why, clock.getAsLong());
        }
    }

    private PeerFailureReason failureReason(NatType remoteNat) {
        return NatCompatibility.canConnect(natType, remoteNat)
                ? PeerFailureReason.HANDSHAKE_TIMEOUT : PeerFailureReason.NAT_INCOMPATIBLE;
    }

    private void incoming(Session session) {
        if (closed || bySession.size() >= maxPeers * 2) {
            session.close();
            return;
        }
        session.setListener(listener());
    }

    private SessionListener listener() {
        return new SessionListener() {
            @Override
            public void onFlow(ReceiveFlow flow) {
                if (!FLOW_METADATA.equals(flow.metadata())) {
                    flow.reject(0);
                    return;
                }
                PeerLink link = bySession.containsKey(flow.session()) ? bySession.get(flow.session())
                        : attach(flow.session());
                if (link == null) {
                    flow.reject(0);
                    return;
                }
                if (link.out == null) {
                    link.out = flow.openReturnFlow(FLOW_METADATA);
                    greet(link);
                }
                flow.setMessageListener((f, message) -> onMessage(link, message));
            }

            @Override
            public void onClosed(Session session) {
                loop.execute(() -> linkClosed(session));
            }
        };
    }

    /**
     * Takes a new session as the link to its peer. Two peers that dial each other at once end up
     * with two sessions; both sides keep the one opened by the lower peer ID, so they agree.
     */
    private PeerLink attach(Session session) {
        String peer = session.farPeerId().toHex();
        if (bannedUntil.getOrDefault(peer, 0L) > clock.getAsLong()) {
            session.close();
            return null;
        }
        PeerLink existing = byPeer.get(peer);
        if (existing != null && existing.session != session) {
            if (opener(existing.session).compareTo(opener(session)) <= 0) {
                session.close();
                return null;
            }
            existing.closedByUs = true;
            existing.session.close();
        }
        PeerLink link = new PeerLink(peer, session);
        bySession.put(session, link);
        byPeer.put(peer, link);
        return link;
    }

    private String opener(Session session) {
        return session.isInitiator() ? myId : session.farPeerId().toHex();
    }

    private void greet(PeerLink link) {
        send(link, new PeerMessage.Hello(PeerMessage.VERSION, swarm, natType));
        TreeSet<Long> mine = new TreeSet<>(held.sequences());
        while (!mine.isEmpty() && mine.last() - mine.first() >= PeerMessage.MAX_HAVE_SPAN) {
            mine.pollFirst();
        }
        send(link, new PeerMessage.Have(mine));
    }

    private void send(PeerLink link, PeerMessage message) {
        link.out.send(PeerMessageCodec.encode(message)).exceptionally(e -> null);
    }

    private void onMessage(PeerLink link, byte[] bytes) {
        if (bySession.get(link.session) != link) {
            return;
        }
        PeerMessage message;
        try {
            message = PeerMessageCodec.decode(bytes);
        } catch (MalformedInputException e) {
            drop(link.peerId, "sent a malformed message: " + e.getMessage());
            return;
        }
        if (message instanceof PeerMessage.Hello h) {
            if (h.version() < PeerMessage.MIN_VERSION || !h.swarm().equals(swarm)) {
                refused(link.peerId, PeerFailureReason.WRONG_SWARM);
                link.closedByUs = true;
                link.session.close();
                events.peerFailed(new PeerConnectionFailure(link.peerId, PeerFailureReason.REFUSED,
                        "speaks version " + h.version() + " in swarm " + h.swarm()));
                return;
            }
            link.natType = h.natType();
            link.version = h.version();
            link.greeted = true;
            retries.linked(link.peerId);
            if (!connecting.contains(link.peerId)) {
                succeeded(link); // else the attempt under way decides, knowing whether its own session reached a LAN
            }
        } else if (message instanceof PeerMessage.Have h) {
            link.has.addAll(h.sequences());
            if (!h.sequences().isEmpty()) {
                events.heardOf(h.sequences().last());
            }
        } else if (message instanceof PeerMessage.Arriving a) {
            link.has.add(a.sequence());
            events.heardOf(a.sequence());
        } else if (message instanceof PeerMessage.Request r) {
            serve(link, r);
        } else if (message instanceof PeerMessage.Data d) {
            received(link, d);
        } else if (message instanceof PeerMessage.Cancel c) {
            link.uploads.removeIf(u -> u.sequence == c.sequence());
        } else if (message instanceof PeerMessage.Refuse r) {
            if (r.reason() == PeerMessage.Refuse.Reason.NOT_HELD) {
                link.has.remove(r.sequence());
            }
            if (link.downloads.remove(r.sequence()) != null) {
                events.transferFailed(link.peerId, r.sequence(), r.reason() == PeerMessage.Refuse.Reason.BUSY
                        ? FallbackReason.PEER_BUSY : FallbackReason.PEER_REFUSED);
            }
        }
    }

    /** Serves a segment held, or one arriving, whose bytes then go out as they come. */
    private void serve(PeerLink link, PeerMessage.Request r) {
        long sequence = r.sequence();
        byte[] data = held.get(sequence);
        PartialSegment arriving = data == null ? held.arriving(sequence) : null;
        if (arriving != null) {
            data = arriving.bytes();
        }
        if (data == null) {
            send(link, new PeerMessage.Refuse(sequence, PeerMessage.Refuse.Reason.NOT_HELD));
            return;
        }
        if (!r.whole() && (r.offset() >= data.length || r.offset() + (long) r.length() > data.length)) {
            drop(link.peerId, "asked for bytes " + r.offset() + "+" + r.length() + " of segment " + sequence
                    + ", which is " + data.length + " bytes");
            return;
        }
        int end = r.length() == PeerMessage.Request.TO_END ? data.length : r.offset() + r.length();
        if (!uploads.offer(link, sequence, data, arriving, r.offset(), end)) {
            send(link, new PeerMessage.Refuse(sequence, PeerMessage.Refuse.Reason.BUSY));
        }
    }

    private void received(PeerLink link, PeerMessage.Data d) {
        PeerLink.Download download = link.downloads.get(d.sequence());
        if (download == null) {
            return; // cancelled, or never asked: the bytes are simply not used
        }
        if (d.total() != download.expected) {
            drop(link.peerId, "sent segment " + d.sequence() + " as " + d.total() + " bytes where the origin published "
                    + download.expected);
            return;
        }
        // Chunks still in flight from an earlier, cancelled request of the same segment may come
        // first: keep whatever extends what has arrived, up to the end asked for; the digest judges
        // the assembled segment at the end.
        int at = download.from + download.received;
        int upTo = Math.min(download.end, d.offset() + d.bytes().length);
        int fresh = upTo - at;
        if (d.offset() > at || fresh <= 0) {
            return;
        }
        byte[] bytes = at == d.offset() && fresh == d.bytes().length ? d.bytes()
                : Arrays.copyOfRange(d.bytes(), at - d.offset(), at - d.offset() + fresh);
        download.received += fresh;
        count(link, fresh, 0);
        boolean whole = download.received == download.end - download.from;
        if (whole) {
            link.downloads.remove(d.sequence());
        }
        events.received(link.peerId, d.sequence(), at, bytes, download.received, whole);
        // Peers may be waiting for these very bytes of a segment this client passes on as it arrives.
        uploads.pump();
    }

    /**
     * Tells the peers that know {@link PeerMessage.Arriving} (version 3 on) that this client now
     * receives {@code sequence} and passes its bytes on as they arrive; once per segment.
     */
    public void arriving(long sequence) {
        requireLoop("arriving");
        if (!arrivingTold.add(sequence)) {
            return;
        }
        while (arrivingTold.size() > PeerMessage.MAX_HAVE_SPAN) {
            arrivingTold.pollFirst();
        }
        PeerMessage.Arriving arriving = new PeerMessage.Arriving(sequence);
        for (PeerLink link : bySession.values()) {
            if (link.out != null && link.version >= PeerMessage.ARRIVING_VERSION && !link.has.contains(sequence)) {
                send(link, arriving);
            }
        }
    }

    private void count(PeerLink link, long in, long out) {
        linkTotals.merge(link.peerId, new LinkTotals(link.peerId, in, out), LinkTotals::plus);
    }

    /** Peers that are connected and hold {@code sequence}. */
    public Set<String> holders(long sequence) {
        requireLoop("holders");
        Set<String> out = new HashSet<>();
        for (PeerLink link : bySession.values()) {
            if (link.greeted && link.has.contains(sequence)) {
                out.add(link.peerId);
            }
        }
        return out;
    }

    /**
     * Asks {@code peer} for bytes {@code offset} to {@code end} of a segment of {@code expectedBytes}
     * (from the playlist's digest), the whole segment when they span it; the answer comes through
     * {@link PeerEvents}. A peer announcing another size is dropped at once, before it can make this
     * client buffer anything. One range per segment and peer at a time: a new one replaces the last.
     */
    public void request(String peer, long sequence, int expectedBytes, int offset, int end) {
        requireLoop("request");
        if (offset < 0 || end <= offset || end > expectedBytes) {
            throw new IllegalArgumentException("bytes " + offset + " to " + end + " of a segment of " + expectedBytes);
        }
        PeerLink link = byPeer.get(peer);
        if (link == null || !link.greeted) {
            loop.execute(() -> events.transferFailed(peer, sequence, FallbackReason.PEER_LEFT));
            return;
        }
        link.downloads.put(sequence, new PeerLink.Download(expectedBytes, offset, end));
        send(link, offset == 0 && end == expectedBytes ? new PeerMessage.Request(sequence)
                : new PeerMessage.Request(sequence, offset, end - offset));
    }

    /**
     * Stops fetching a segment from {@code peer}; what arrived of it so far was handed over as it came
     * ({@link PeerEvents#received}), for another peer or HTTP to continue from.
     */
    public void cancel(String peer, long sequence) {
        requireLoop("cancel");
        PeerLink link = byPeer.get(peer);
        if (link != null && link.downloads.remove(sequence) != null) {
            send(link, new PeerMessage.Cancel(sequence));
        }
    }

    /**
     * Leaves this swarm for {@code next} (another rendition of the stream): closes every link, as peers
     * of the old swarm hold segments of the old rendition, and greets only peers of the new one from now
     * on. Peers left are not blamed: they may be met again in a later swarm. Transfers under way fail
     * over to HTTP.
     */
    public void moveTo(String next) {
        requireLoop("moveTo");
        if (next.equals(swarm)) {
            return;
        }
        swarm = next;
        retries.clear();
        // Renditions number their segments alike: the new swarm has been told of none of them.
        arrivingTold.clear();
        for (PeerLink link : List.copyOf(bySession.values())) {
            link.closedByUs = true;
            link.session.close();
            linkClosed(link.session);
        }
    }

    /** Tells every peer this client now holds {@code sequence}. */
    public void announce(long sequence) {
        requireLoop("announce");
        PeerMessage.Have have = new PeerMessage.Have(new TreeSet<>(Set.of(sequence)));
        for (PeerLink link : bySession.values()) {
            if (link.out != null) {
                send(link, have);
            }
        }
    }

    /** Forgets what peers hold below {@code sequence}: nobody will ask for it again. */
    public void forgetBefore(long sequence) {
        requireLoop("forgetBefore");
        bySession.values().forEach(l -> l.has.headSet(sequence).clear());
    }

    /**
     * Disconnects a peer that misbehaved (bad data, broken protocol) and refuses it for ten minutes;
     * what was asked of it is failed so it comes from elsewhere.
     */
    public void drop(String peer, String why) {
        requireLoop("drop");
        PeerLink link = byPeer.get(peer);
        bannedUntil.put(peer, clock.getAsLong() + BAN_MS);
        events.peerFailed(new PeerConnectionFailure(peer, PeerFailureReason.CORRUPT, why));
        if (link != null) {
            link.closedByUs = true;
            link.session.close();
            linkClosed(link.session);
        }
    }

    private void linkClosed(Session session) {
        PeerLink link = bySession.remove(session);
        if (link == null) {
            return;
        }
        if (byPeer.get(link.peerId) == link) {
            byPeer.remove(link.peerId);
        }
        for (Long sequence : List.copyOf(link.downloads.keySet())) {
            events.transferFailed(link.peerId, sequence, FallbackReason.PEER_LEFT);
        }
        link.downloads.clear();
        link.uploads.clear();
        if (link.closedByUs || closed || replaced(session)) {
            return;
        }
        if (!link.greeted) {
            refused(link.peerId, PeerFailureReason.PEER_FULL);
            // Closed before a word was said: the peer is full (or not in our swarm). Asking again at
            // every announce would only churn sessions, so it waits a minute.
            retries.refused(link.peerId, clock.getAsLong());
            events.peerFailed(new PeerConnectionFailure(link.peerId, PeerFailureReason.REFUSED,
                    "the peer closed the session before greeting: it has its fill of peers"));
        } else {
            // Records an attempt only if this client's own was still under way when the peer's session closed.
            ended(link.peerId, ConnectionAttempt.Outcome.FAILED, PeerFailureReason.LOST);
            events.peerFailed(new PeerConnectionFailure(link.peerId, PeerFailureReason.LOST,
                    "the session closed or went silent"));
        }
    }

    /** The far end closed a duplicate session because another one to the same peer wins: no loss. */
    private boolean replaced(Session gone) {
        return endpoint.sessions().stream().anyMatch(s -> s != gone && s.state() == SessionState.OPEN
                && s.farPeerId().equals(gone.farPeerId()));
    }

    /** Timers: uploads paced by the budget, and the rendezvous session reopened when lost. */
    public void tick() {
        requireLoop("tick");
        if (closed) {
            return;
        }
        uploads.pump();
        rendezvous.tick();
    }

    /** Peers linked and greeted, so segments may be asked of them. */
    public int connectedPeers() {
        requireLoop("connectedPeers");
        return (int) bySession.values().stream().filter(l -> l.greeted).count();
    }

    /** Bytes exchanged with every peer ever linked, for beacons. */
    public List<LinkTotals> linkTotals() {
        requireLoop("linkTotals");
        return List.copyOf(linkTotals.values());
    }

    /**
     * Connections tried and made, by the far peer's NAT type, for beacons and the simulator. Every
     * attempt counts, refused ones too; a success is a peer that greeted, and an attempt still
     * open counts as tried, not made.
     */
    public List<ConnectionTotals> connectionTotals() {
        requireLoop("connectionTotals");
        return List.copyOf(connectionTotals.values());
    }

    /** The most recent connection attempts ({@link AttemptLog#KEPT} at most) and how they ended, oldest first. */
    public List<ConnectionAttempt> attempts() {
        requireLoop("attempts");
        return attempts.latest();
    }

    /** Every connection attempt that ended, counted by far NAT type, outcome and reason, for beacons. */
    public List<AttemptCount> attemptCounts() {
        requireLoop("attemptCounts");
        return attempts.counts();
    }

    /** Fails a call from off the loop: the maps here are the loop's alone and have no lock. */
    private void requireLoop(String method) {
        if (!loop.inEventLoop()) {
            throw new IllegalStateException("PeerNetwork." + method + " must run on the client's event loop, not "
                    + Thread.currentThread().getName());
        }
    }

    /**
     * Ends every session and frees the socket. Call from outside the event loop: closing waits
     * for the loop to let the socket go.
     */
    public void close() {
        if (loop.inEventLoop()) {
            throw new IllegalStateException("PeerNetwork.close() waits for its event loop: call it from another thread");
        }
        loop.execute(() -> {
            closed = true;
            rendezvous.close();
        });
        endpoint.close();
    }
}
