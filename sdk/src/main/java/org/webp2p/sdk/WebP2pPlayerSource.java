package org.webp2p.sdk;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webp2p.nat.NatType;
import org.webp2p.nat.transport.DatagramTunnel;
import org.webp2p.protocol.api.SessionPlan;
import org.webp2p.protocol.tracker.AnnounceEvent;
import org.webp2p.protocol.tracker.AnnounceRequest;
import org.webp2p.protocol.tracker.SegmentRange;
import org.webp2p.rtmfp.RtmfpParams;
import org.webp2p.rtmfp.net.RtmfpEndpoint;
import org.webp2p.sdk.control.ApiClient;
import org.webp2p.sdk.control.PingbackReporter;
import org.webp2p.sdk.control.TrackerClient;
import org.webp2p.sdk.diagnostics.Diagnostics;
import org.webp2p.sdk.diagnostics.PeerConnectionFailure;
import org.webp2p.sdk.fetch.Arrivals;
import org.webp2p.sdk.fetch.FallbackReason;
import org.webp2p.sdk.fetch.FetchAction;
import org.webp2p.sdk.fetch.SchedulerSettings;
import org.webp2p.sdk.fetch.SegmentScheduler;
import org.webp2p.sdk.hls.MediaPlaylist;
import org.webp2p.sdk.http.HttpFetcher;
import org.webp2p.sdk.nat.StartupNatProbe;
import org.webp2p.sdk.peer.ConnectionTotals;
import org.webp2p.sdk.peer.HeldSegments;
import org.webp2p.sdk.peer.PeerEvents;
import org.webp2p.sdk.peer.PeerNetwork;
import org.webp2p.sdk.peer.SeedSelection;
import org.webp2p.sdk.playback.Playback;
import org.webp2p.sdk.playback.PlaybackStats;
import org.webp2p.sdk.playback.RequestDrivenPlayback;
import org.webp2p.sdk.playback.VirtualPlayer;

/**
 * Plays one stream through WebP2P: opens an API session, follows the playlist, fetches every
 * segment where the scheduler says, keeps a real-time player fed, announces to the tracker and
 * reports beacons. All state lives on one event loop, so nothing here needs locks; results of
 * network calls hop back onto it.
 *
 * <p>Segments come from peers through a {@link PeerNetwork} when the API's plan enables P2P, each
 * checked against the digest the origin published before it is used; the HTTP path is the safety
 * net the scheduler falls back to whenever a peer is missing, slow or wrong.
 */
public final class WebP2pPlayerSource implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebP2pPlayerSource.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final long TICK_MS = 100;
    /** Segments kept after playing, for peers that are a little behind. */
    private static final int KEEP_BEHIND = 6;
    private static final long SHORT_OF_PEERS_ANNOUNCE_MS = 3_000;
    private static final long RENEW_WHILE_OFF_MS = 3_000;
    /**
     * Peers come and go: give up on a silent one within seconds, and keep NAT mappings warm. A
     * player has a handful of sessions moving a few hundred kbit/s: 20 ms timers serve its 200 ms
     * delayed acks as well as 5 ms ones at a quarter of the wake-ups, which a phone's battery and
     * a simulated swarm of hundreds both notice.
     */
    private static final RtmfpParams PEER_PARAMS = RtmfpParams.defaults().toBuilder().openTimeoutMillis(5_000)
            .keepaliveMillis(10_000).idleTimeoutMillis(30_000).timerTickMillis(20).build();

    private final URI api;
    private final String stream;
    private final String token;
    private final EventLoop loop;
    private final HttpFetcher http;
    private final LongSupplier clock;
    private volatile String peerId;
    private final InetSocketAddress localAddress;
    private InetSocketAddress peerBind;
    private DatagramTunnel peerTunnel = DatagramTunnel.DIRECT;
    private RtmfpEndpoint endpoint;
    private PeerNetwork peers;
    private int swarmSize;
    private final Diagnostics diagnostics = new Diagnostics();
    private volatile NatType natType = NatType.UNKNOWN;
    private volatile boolean natTypeGiven;
    private final Map<Long, byte[]> segments = new HashMap<>();
    private final Map<Long, MediaPlaylist.Segment> known = new HashMap<>();
    /** What slow peers delivered of segments HTTP is now finishing. */
    private final Map<Long, byte[]> partials = new HashMap<>();
    private final Arrivals arrivals = new Arrivals();
    private final CompletableFuture<MediaPlaylist> firstPlaylist = new CompletableFuture<>();
    private final SchedulerSettings settings = SchedulerSettings.defaults();

    private SessionPlan plan;
    private PingbackReporter pingback;
    private TrackerClient tracker;
    private RequestDrivenPlayback requests;
    private Playback player;
    private SegmentScheduler scheduler;
    private MediaPlaylist playlist;
    private ScheduledFuture<?> ticker;
    private long nextPlaylistAt;
    private long nextReportAt;
    private long nextAnnounceAt;
    private long nextRenewAt;
    private boolean playlistInFlight;
    private volatile PlaybackStats stats = new PlaybackStats(-1, 0, 0, 0);
    private volatile long httpBytes;
    private volatile long p2pBytes;
    private volatile List<ConnectionTotals> connections = List.of();
    private volatile int connectedPeers;

    public WebP2pPlayerSource(URI api, String stream, String token, EventLoopGroup group,
                              InetSocketAddress localAddress, LongSupplier clockMs) {
        this.api = api;
        this.stream = stream;
        this.token = token;
        this.loop = group.next();
        this.http = new HttpFetcher(group, localAddress);
        this.localAddress = localAddress;
        this.clock = clockMs;
        this.peerBind = new InetSocketAddress(localAddress == null ? null : localAddress.getAddress(), 0);
    }

    /**
     * Where the peer-to-peer socket binds and the path its datagrams take (the simulator puts each
     * peer behind an emulated NAT); before start. By default it binds beside the HTTP client.
     */
    public void peerSocket(InetSocketAddress bind, DatagramTunnel tunnel) {
        if (endpoint != null) {
            throw new IllegalStateException("choose the peer socket before start");
        }
        this.peerBind = bind;
        this.peerTunnel = tunnel;
    }

    /**
     * Opens the session and starts playing; completes once the API has answered. Binds the peer
     * socket first, on the calling thread; without one (UDP refused) the source plays over HTTP.
     */
    public CompletableFuture<SessionPlan> start() {
        try {
            endpoint = RtmfpEndpoint.builder().localAddress(peerBind).tunnel(peerTunnel).eventLoop(loop)
                    .params(PEER_PARAMS).bind();
            peerId = endpoint.peerId().toHex();
        } catch (IOException e) {
            log.warn("no peer-to-peer socket ({}); playing over HTTP only", e.getMessage());
            byte[] id = new byte[32];
            new SecureRandom().nextBytes(id);
            peerId = HexFormat.of().formatHex(id);
        }
        return new ApiClient(http, api, TIMEOUT).open(stream, token).thenApplyAsync(p -> {
            plan = p;
            player = requests != null ? requests : new VirtualPlayer(clock);
            scheduler = new SegmentScheduler(settings.withPrefetch(p.p2p().prefetchSegments()),
                    p.p2p().enabled(), diagnostics::httpFallback, this::seeds);
            nextRenewAt = clock.getAsLong() + renewInterval(p);
            if (p.pingbackUrl() != null) {
                pingback = new PingbackReporter(http, URI.create(p.pingbackUrl()), p.sessionId(), p.swarm(), TIMEOUT);
                pingback.identity(peerId, natType);
            }
            if (p.trackerUrl() != null) {
                tracker = new TrackerClient(http, URI.create(p.trackerUrl()), TIMEOUT);
            }
            ticker = loop.scheduleAtFixedRate(this::tick, 0, TICK_MS, TimeUnit.MILLISECONDS);
            if (!natTypeGiven && p.stun() != null && !p.stun().isEmpty()) {
                classifyNat(p.stun());
            }
            return p;
        }, loop);
    }

    /**
     * Joins the swarm's peers once a plan enables P2P and playback has started: the handshakes'
     * key agreement costs CPU, and startup must not share it. A later plan turning P2P off just
     * stops asking peers.
     */
    private void joinPeers(SessionPlan p) {
        if (peers != null && p.rendezvous() != null) {
            peers.rendezvousNodes(p.rendezvous());
        }
        if (peers == null && endpoint != null && p.p2p().enabled() && p.rendezvous() != null
                && !p.rendezvous().isEmpty() && player.stats().startupMs() >= 0) {
            peers = new PeerNetwork(endpoint, loop, clock, p.swarm(), p.p2p().maxPeers(), p.p2p().uploadLimitKbps(),
                    new Held(), new Events());
            peers.natType(natType);
            peers.joinRendezvous(p.rendezvous(), p.stream(), token);
            // Meet the swarm now rather than at the next periodic announce.
            nextAnnounceAt = nextAnnounceAt == 0 ? 0 : clock.getAsLong();
        }
    }

    /** As often as beacons; sooner while P2P is off, since a growing swarm is what turns it on. */
    private static long renewInterval(SessionPlan p) {
        long beacons = Math.max(1_000, p.pingbackIntervalMs());
        return p.p2p().enabled() ? beacons : Math.min(beacons, RENEW_WHILE_OFF_MS);
    }

    /** Asks the API for a fresh plan: P2P may have been switched on as the swarm grew, or off. */
    private void renewPlan() {
        new ApiClient(http, api, TIMEOUT).renew(plan.sessionId()).whenCompleteAsync((fresh, failure) -> {
            if (failure != null) {
                log.debug("plan not renewed, keeping the last one: {}", failure.toString());
                return;
            }
            plan = fresh;
            scheduler.update(fresh.p2p().enabled(), fresh.p2p().prefetchSegments());
            joinPeers(fresh);
        }, loop);
    }

    private void classifyNat(List<String> stun) {
        StartupNatProbe.quick().classify(stun, localAddress == null ? null : localAddress.getAddress())
                .whenCompleteAsync((type, failure) -> {
                    if (failure != null) {
                        log.debug("NAT not classified: {}", failure.toString());
                        return;
                    }
                    if (natTypeGiven) {
                        return;
                    }
                    natType = type;
                    if (pingback != null) {
                        pingback.identity(peerId, natType);
                    }
                    if (peers != null) {
                        peers.natType(natType);
                    }
                    // Tell the tracker now rather than at the next periodic update, so peers are matched on it.
                    if (nextAnnounceAt != 0) {
                        nextAnnounceAt = clock.getAsLong();
                    }
                }, loop);
    }

    private void tick() {
        try {
            long now = clock.getAsLong();
            if (now >= nextPlaylistAt && !playlistInFlight && (playlist == null || !playlist.ended())) {
                refreshPlaylist(now);
            }
            if (playlist == null) {
                return;
            }
            player.tick();
            if (peers != null) {
                peers.tick();
            } else {
                joinPeers(plan);
            }
            for (FetchAction a : scheduler.plan(now, player, playlist.lastSequence(), this::holders)) {
                if (a instanceof FetchAction.FromHttp h) {
                    fetchHttp(h);
                } else if (a instanceof FetchAction.FromPeer f) {
                    peers.request(f.peerId(), f.sequence(), known.get(f.sequence()).digest().bytes());
                } else if (a instanceof FetchAction.CancelPeer c) {
                    byte[] prefix = peers.cancel(c.peerId(), c.sequence());
                    if (prefix.length > 0) {
                        partials.put(c.sequence(), prefix);
                    }
                }
            }
            stats = player.stats();
            segments.keySet().removeIf(s -> s < player.playhead() - KEEP_BEHIND);
            if (peers != null) {
                peers.forgetBefore(player.playhead());
                connections = peers.connectionTotals();
                connectedPeers = peers.connectedPeers();
            }
            if (pingback != null && now >= nextReportAt) {
                nextReportAt = now + plan.pingbackIntervalMs();
                report();
            }
            if (now >= nextRenewAt) {
                nextRenewAt = now + renewInterval(plan);
                renewPlan();
            }
            if (tracker != null && now >= nextAnnounceAt) {
                announce(nextAnnounceAt == 0 ? AnnounceEvent.JOIN : AnnounceEvent.UPDATE);
                // A client short of peers asks again soon rather than waiting out the interval.
                boolean short_ = peers != null && peers.connectedPeers() < Math.min(2, plan.p2p().maxPeers());
                nextAnnounceAt = now + (short_ ? SHORT_OF_PEERS_ANNOUNCE_MS : Duration.ofSeconds(15).toMillis());
            }
        } catch (RuntimeException e) {
            log.warn("player source tick failed; carrying on", e);
        }
    }

    private void refreshPlaylist(long now) {
        playlistInFlight = true;
        URI uri = URI.create(plan.playlistUrls().get(0));
        http.get(uri, TIMEOUT).whenCompleteAsync((r, failure) -> {
            playlistInFlight = false;
            long retryMs = playlist == null ? 1000 : Math.max(500, playlist.targetDurationMs() / 2);
            nextPlaylistAt = clock.getAsLong() + retryMs;
            if (failure != null || !r.ok()) {
                log.debug("playlist {} not fetched: {}", uri, failure != null ? failure.toString() : r.status());
                return;
            }
            try {
                MediaPlaylist fresh = MediaPlaylist.parse(r.text(), uri);
                // Just behind the window is still served, for a player a refresh late; further back is gone.
                known.keySet().removeIf(seq -> seq < fresh.mediaSequence() - KEEP_BEHIND);
                for (MediaPlaylist.Segment s : fresh.segments()) {
                    known.put(s.sequence(), s);
                    player.describe(s.sequence(), s.durationMs());
                }
                if (playlist == null) {
                    // A live player joins three segments behind the edge, as HLS players do; with
                    // peers one more, so a new segment has time to spread before it is needed.
                    int behind = endpoint != null && plan.p2p().enabled() ? 3 : 2;
                    player.startAt(fresh.ended() ? fresh.mediaSequence()
                            : Math.max(fresh.mediaSequence(), fresh.lastSequence() - behind));
                }
                boolean first = playlist == null;
                playlist = fresh;
                firstPlaylist.complete(fresh);
                if (first) {
                    // Startup is on the clock: ask for the first segments now, not at the next tick.
                    loop.execute(this::tick);
                }
                nextPlaylistAt = clock.getAsLong() + Math.max(500, fresh.targetDurationMs() / 2);
            } catch (IllegalArgumentException e) {
                log.warn("playlist {} is not valid HLS: {}", uri, e.getMessage());
            }
        }, loop);
    }

    /**
     * Fetches a segment from the origin; after a slow peer, only the part it did not deliver, and
     * the whole is checked against the digest since its start came from the peer.
     */
    private void fetchHttp(FetchAction.FromHttp h) {
        MediaPlaylist.Segment s = known.get(h.sequence());
        byte[] prefix = partials.remove(h.sequence());
        if (s == null) {
            scheduler.httpFailed(h.sequence());
            return;
        }
        long from = prefix != null && prefix.length == h.fromByte() ? h.fromByte() : 0;
        http.getFrom(s.uri(), from, TIMEOUT).whenCompleteAsync((r, failure) -> {
            if (failure != null || !r.ok()) {
                scheduler.httpFailed(h.sequence());
                return;
            }
            countHttp(r.body().length);
            if (segments.containsKey(h.sequence())) {
                return; // arrived another way meanwhile
            }
            // A 200 instead of 206 is the whole segment: the origin ignored the range.
            boolean continued = from > 0 && r.status() == 206;
            byte[] body = continued ? concat(prefix, r.body()) : r.body();
            if (continued && s.digest() != null && !s.digest().matches(body)) {
                scheduler.httpFailed(h.sequence());
                return;
            }
            if (continued) {
                countP2p(prefix.length);
            }
            stored(h.sequence(), body);
        }, loop);
    }

    private static byte[] concat(byte[] head, byte[] tail) {
        byte[] all = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    private void countHttp(int bytes) {
        httpBytes += bytes;
        if (pingback != null) {
            pingback.httpBytes(bytes);
        }
    }

    /** Bytes from peers that passed the digest check: only those count as offload. */
    private void countP2p(int bytes) {
        p2pBytes += bytes;
        if (pingback != null) {
            pingback.p2pBytes(bytes);
        }
    }

    private void stored(long sequence, byte[] body) {
        segments.put(sequence, body);
        scheduler.completed(sequence);
        player.arrived(sequence);
        arrivals.arrived(sequence, body);
        if (peers != null) {
            peers.announce(sequence);
        }
    }

    /** Peers that hold a segment; only segments with a published digest are taken from peers. */
    private Set<String> holders(long sequence) {
        MediaPlaylist.Segment s = known.get(sequence);
        return peers == null || s == null || s.digest() == null ? Set.of() : peers.holders(sequence);
    }

    private boolean seeds(long sequence, long msBeforeUrgent) {
        return peers == null || peers.connectedPeers() == 0
                || SeedSelection.seeds(peerId, sequence, swarmSize, msBeforeUrgent);
    }

    private CompletableFuture<Boolean> report() {
        return peers == null ? pingback.report(player.stats(), player.bufferAheadMs(), List.of(), List.of())
                : pingback.report(player.stats(), player.bufferAheadMs(), peers.linkTotals(), peers.connectionTotals());
    }

    /** What the peer network reports, on this source's loop. */
    private final class Events implements PeerEvents {
        @Override
        public void segment(String peer, long sequence, byte[] body) {
            MediaPlaylist.Segment listed = known.get(sequence);
            if (listed == null || segments.containsKey(sequence)) {
                return; // slid out of the window, or arrived another way meanwhile
            }
            if (listed.digest() == null || !listed.digest().matches(body)) {
                scheduler.peerFailed(sequence, peer, FallbackReason.CORRUPT);
                peers.drop(peer, "segment " + sequence + " (" + body.length + " bytes) does not match the digest "
                        + "the origin published");
                return;
            }
            countP2p(body.length);
            stored(sequence, body);
        }

        @Override
        public void progress(String peer, long sequence, long bytes) {
            scheduler.peerProgress(sequence, bytes);
        }

        @Override
        public void transferFailed(String peer, long sequence, FallbackReason reason) {
            scheduler.peerFailed(sequence, peer, reason);
        }

        @Override
        public void peerFailed(PeerConnectionFailure failure) {
            diagnostics.peerConnectionFailed(failure);
        }

        @Override
        public void heardOf(long sequence) {
            if (playlist != null && sequence > playlist.lastSequence() && !playlist.ended()) {
                nextPlaylistAt = Math.min(nextPlaylistAt, clock.getAsLong());
            }
        }
    }

    /** The segments this source holds, served to peers. */
    private final class Held implements HeldSegments {
        @Override
        public byte[] get(long sequence) {
            return segments.get(sequence);
        }

        @Override
        public Set<Long> sequences() {
            return segments.keySet();
        }
    }

    /**
     * Lets an external player drive timing instead of the built-in virtual player: each segment it
     * asks for through {@link #segmentForPlayer} becomes the position the scheduler plans from. Call
     * before {@link #start}; the local proxy needs it.
     */
    public void followPlayerRequests() {
        if (plan != null) {
            throw new IllegalStateException("choose the playback mode before start");
        }
        requests = new RequestDrivenPlayback(clock);
    }

    /** The newest media playlist, once the first one has been fetched (the future waits for it). */
    public CompletableFuture<MediaPlaylist> playlist() {
        return firstPlaylist.thenApplyAsync(first -> playlist, loop);
    }

    /**
     * A segment for an external player: at once if held; otherwise as soon as it arrives, but never
     * later than the urgent window, after which it is fetched straight from the origin, so the
     * player never waits on peers. Fails for a segment the playlist does not list.
     */
    public CompletableFuture<byte[]> segmentForPlayer(long sequence) {
        return CompletableFuture.supplyAsync(() -> {
            if (requests != null) {
                requests.requested(sequence);
            }
            byte[] held = segments.get(sequence);
            MediaPlaylist.Segment listed = known.get(sequence);
            if (held != null || listed == null) {
                return held != null ? CompletableFuture.completedFuture(held) : CompletableFuture.<byte[]>failedFuture(
                        new NoSuchElementException("segment " + sequence + " is not in the playlist"));
            }
            CompletableFuture<byte[]> arrival = arrivals.await(sequence);
            loop.schedule(() -> {
                if (arrivals.abandon(sequence, arrival)) {
                    diagnostics.httpFallback(new SegmentScheduler.Fallback(sequence, FallbackReason.URGENT));
                    fetchForPlayer(listed).whenComplete((body, failure) -> {
                        if (failure != null) {
                            arrival.completeExceptionally(failure);
                        } else {
                            arrival.complete(body);
                        }
                    });
                }
            }, settings.urgentMs(), TimeUnit.MILLISECONDS);
            return arrival;
        }, loop).thenCompose(f -> f).whenCompleteAsync((body, failure) -> {
            if (requests != null) {
                requests.answered(sequence, failure == null);
            }
        }, loop);
    }

    private CompletableFuture<byte[]> fetchForPlayer(MediaPlaylist.Segment s) {
        return http.get(s.uri(), TIMEOUT).thenApplyAsync(r -> {
            if (!r.ok()) {
                throw new CompletionException(new IOException("origin answered " + r.status() + " for " + s.uri()));
            }
            countHttp(r.body().length);
            if (!segments.containsKey(s.sequence())) {
                stored(s.sequence(), r.body());
            }
            return r.body();
        }, loop);
    }

    /** The fMP4 init segment the playlist names, straight from the origin; fails if there is none. */
    public CompletableFuture<byte[]> initSegment() {
        return playlist().thenCompose(p -> p.initSegment() == null
                ? CompletableFuture.failedFuture(new NoSuchElementException("the playlist has no init segment"))
                : http.get(p.initSegment(), TIMEOUT).thenApply(r -> {
                    if (!r.ok()) {
                        throw new CompletionException(new IOException("origin answered " + r.status()));
                    }
                    return r.body();
                }));
    }

    private CompletableFuture<?> announce(AnnounceEvent event) {
        long position = Math.max(0, player.playhead());
        List<Long> held = new ArrayList<>(segments.keySet());
        SegmentRange have = held.isEmpty() ? null
                : new SegmentRange(held.stream().min(Long::compare).get(), held.stream().max(Long::compare).get());
        return tracker.announce(new AnnounceRequest(plan.swarm(), peerId, event, natType, List.of(), position, have,
                plan.p2p().uploadLimitKbps(), null)).whenCompleteAsync((answer, failure) -> {
                    if (failure != null) {
                        log.debug("announce failed: {}", failure.toString());
                    } else if (answer != null && peers != null && event != AnnounceEvent.LEAVE) {
                        swarmSize = answer.swarmSize();
                        peers.offer(answer.peers());
                    }
                }, loop).exceptionally(e -> null);
    }

    /** A segment this source holds, by media sequence number. */
    public Optional<byte[]> segment(long sequence) {
        return CompletableFuture.supplyAsync(() -> Optional.ofNullable(segments.get(sequence)), loop).join();
    }

    public PlaybackStats stats() {
        return stats;
    }

    public long httpBytes() {
        return httpBytes;
    }

    /** Bytes of segments that came from peers and passed their digest check. */
    public long p2pBytes() {
        return p2pBytes;
    }

    /** Peer connections tried and made, by the far peer's NAT type. */
    public List<ConnectionTotals> connections() {
        return connections;
    }

    /** Peers connected now. */
    public int connectedPeers() {
        return connectedPeers;
    }

    /** Every segment that came from HTTP rather than a peer, with the reason. */
    public List<SegmentScheduler.Fallback> fallbacks() {
        return diagnostics.fallbacks();
    }

    /** HTTP fallbacks and failed peer connections, to read or to listen to. */
    public Diagnostics diagnostics() {
        return diagnostics;
    }

    public String peerId() {
        return peerId;
    }

    /**
     * Sets the NAT type this client reports, instead of classifying it against the plan's STUN
     * servers (a simulation knows its emulated NATs); before start.
     */
    public void natType(NatType type) {
        this.natType = type;
        this.natTypeGiven = true;
    }

    /** The NAT type reported in announces and beacons: UNKNOWN until classified. */
    public NatType natType() {
        return natType;
    }

    public Optional<SessionPlan> plan() {
        return Optional.ofNullable(plan);
    }

    /** Stops playing, leaves the swarm and sends a last beacon. */
    @Override
    public void close() {
        firstPlaylist.completeExceptionally(new IllegalStateException("the player source is closed"));
        CompletableFuture<?> done = CompletableFuture.supplyAsync(() -> {
            if (ticker != null) {
                ticker.cancel(false);
            }
            List<CompletableFuture<?>> last = new ArrayList<>();
            if (tracker != null) {
                last.add(announce(AnnounceEvent.LEAVE));
            }
            if (pingback != null && player != null) {
                last.add(report());
            }
            return CompletableFuture.allOf(last.toArray(CompletableFuture[]::new));
        }, loop).thenCompose(f -> f);
        try {
            done.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.debug("closing before the last beacon was confirmed: {}", e.toString());
        }
        http.close();
        if (peers != null) {
            peers.close();
        } else if (endpoint != null) {
            endpoint.close();
        }
    }
}
