package org.webp2p.sdk;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
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
import org.webp2p.sdk.abr.AbandonRule;
import org.webp2p.sdk.abr.AbrRule;
import org.webp2p.sdk.abr.DownloadWatch;
import org.webp2p.sdk.abr.RenditionSelector;
import org.webp2p.sdk.abr.ThroughputMeter;
import org.webp2p.sdk.control.ApiClient;
import org.webp2p.sdk.control.PingbackReporter;
import org.webp2p.sdk.control.TrackerClient;
import org.webp2p.sdk.diagnostics.ConnectivityCheck;
import org.webp2p.sdk.diagnostics.ConnectivityReport;
import org.webp2p.sdk.diagnostics.Diagnostics;
import org.webp2p.sdk.fetch.FallbackReason;
import org.webp2p.sdk.fetch.FetchAction;
import org.webp2p.sdk.fetch.SchedulerSettings;
import org.webp2p.sdk.fetch.SegmentScheduler;
import org.webp2p.sdk.hls.MasterPlaylist;
import org.webp2p.sdk.hls.MediaPlaylist;
import org.webp2p.sdk.hls.PlaylistPoller;
import org.webp2p.sdk.http.HttpFetcher;
import org.webp2p.sdk.nat.LocalAddresses;
import org.webp2p.sdk.nat.StartupNatProbe;
import org.webp2p.sdk.peer.ConnectionAttempt;
import org.webp2p.sdk.peer.ConnectionTotals;
import org.webp2p.sdk.peer.PeerNetwork;
import org.webp2p.sdk.peer.SeedSelection;
import org.webp2p.sdk.playback.JoinPosition;
import org.webp2p.sdk.playback.LiveLatency;
import org.webp2p.sdk.playback.Playback;
import org.webp2p.sdk.playback.PlaybackStats;
import org.webp2p.sdk.playback.RequestDrivenPlayback;
import org.webp2p.sdk.playback.VirtualPlayer;
import org.webp2p.sdk.session.BeaconTimer;
import org.webp2p.sdk.session.PlanRenewer;
import org.webp2p.sdk.session.TrackerAnnouncer;
import org.webp2p.sdk.time.Alarm;
import org.webp2p.sdk.time.AlarmClock;
import org.webp2p.sdk.time.EventLoopAlarmClock;

/**
 * Plays one stream through WebP2P: opens an API session, follows the playlist, fetches every
 * segment where the scheduler says, keeps a player fed, announces to the tracker and reports
 * beacons. Segments come from peers through a {@link PeerNetwork} when the API's plan enables P2P,
 * each checked against the digest the origin published before it is used; the HTTP path is the
 * safety net the scheduler falls back to whenever a peer is missing, slow or wrong.
 *
 * <pre>{@code
 * try (WebP2pPlayerSource source = WebP2pPlayerSource.builder().api(api).stream("demo").eventLoops(group).build()) {
 *     source.start().get();
 *     ...
 * }
 * }</pre>
 *
 * <p>The work is split into parts, each on its own alarm: the {@link PlaylistPoller} keeps the
 * playlist fresh, the playback step (every 100 ms) moves the player on and carries out the
 * scheduler's fetches, the {@link PlanRenewer} renews the plan, the {@link TrackerAnnouncer} keeps
 * the client in its swarm and the {@link BeaconTimer} sends beacons. A part that throws carries
 * on; the failure goes to {@link #diagnostics()}, which logs it once and counts its repeats.
 *
 * <p><b>Threading.</b> The source takes one event loop from the group when it is built and keeps
 * all its state there: the plan, the playlist, the segments, the scheduler, the peer network and
 * every part. Nothing is locked; network answers hop back onto the loop. Its public methods may be
 * called from any thread: getters read snapshots the playback step refreshes, and the methods that
 * return futures do their work on the loop and complete there, so callbacks attached to them must
 * not block. {@link #start()} and {@link #close()} wait for the network and throw
 * {@link IllegalStateException} when called on the loop. Diagnostics listeners are called on the loop.
 */
public final class WebP2pPlayerSource implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebP2pPlayerSource.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final long PLAYBACK_STEP_MS = 100;
    /**
     * How long the first announce waits for the NAT to be classified: a peer offered before its type
     * is known gets dialled by peers that cannot reach it. The quick probe answers within about 3.5 s
     * of a server; playback runs over HTTP meanwhile, so only meeting peers waits.
     */
    static final long NAT_BUDGET_MS = 4_000;
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
    private final LongSupplier clock = System::currentTimeMillis;
    private final AlarmClock alarms;
    private final HttpFetcher http;
    private final InetSocketAddress localAddress;
    private final InetSocketAddress peerBind;
    private final DatagramTunnel peerTunnel;
    private final boolean natTypeGiven;
    private final boolean followPlayerRequests;
    private final boolean httpOnly;
    private final String pinnedRendition;
    private final Diagnostics diagnostics = new Diagnostics();
    private final SegmentStore store = new SegmentStore();
    private final SchedulerSettings settings = SchedulerSettings.defaults();
    private final CompletableFuture<MediaPlaylist> firstPlaylist = new CompletableFuture<>();
    private final ThroughputMeter throughput = new ThroughputMeter();
    private final PlaylistPoller poller;
    private final LiveLatency latency = new LiveLatency(clock);
    private final Alarm playbackAlarm;
    private final Alarm natBudgetAlarm;
    private final AtomicBoolean started = new AtomicBoolean();

    // Set up by start (the endpoint on the caller's thread, the rest on the loop once the API
    // answers), then used on the loop.
    private long requestedAt;
    private volatile RequestDrivenPlayback requests;
    private RtmfpEndpoint endpoint;
    private Playback player;
    private SegmentScheduler scheduler;
    private volatile SegmentFetcher fetcher;
    private PlanRenewer renewer;
    private PingbackReporter pingback;
    private BeaconTimer beacons;
    private TrackerClient tracker;
    private TrackerAnnouncer announcer;
    // Loop-confined.
    private PeerNetwork peers;
    /** The rendition followed in the stream's master playlist; null for a stream without renditions. */
    private RenditionSelector renditions;
    /** False when the caller pinned a rendition ({@link Builder#rendition}). */
    private boolean adaptive;
    private int swarmSize;
    private boolean natSettled;
    private boolean announcing;
    // Written on the loop, read from any thread.
    private volatile SessionPlan plan;
    private volatile String peerId;
    private volatile List<String> localAddresses = List.of();
    private volatile NatType natType;
    private volatile PlaybackStats stats = new PlaybackStats(-1, 0, 0, 0);
    private volatile List<ConnectionTotals> connections = List.of();
    private volatile List<ConnectionAttempt> attempts = List.of();
    private volatile int connectedPeers;
    private volatile String rendition;
    private volatile List<RenditionSelector.Switch> switches = List.of();
    private volatile long liveLatencyMs = -1;

    private WebP2pPlayerSource(Builder b) {
        this.api = Objects.requireNonNull(b.api, "api");
        this.stream = Objects.requireNonNull(b.stream, "stream");
        this.token = b.token;
        this.loop = Objects.requireNonNull(b.group, "eventLoops").next();
        this.alarms = new EventLoopAlarmClock(loop, clock, diagnostics::internalFailure);
        this.localAddress = b.localAddress;
        this.http = new HttpFetcher(b.group, localAddress, b.httpRoute);
        this.peerBind = b.peerBind != null ? b.peerBind
                : new InetSocketAddress(localAddress == null ? null : localAddress.getAddress(), 0);
        this.peerTunnel = b.peerTunnel;
        this.natTypeGiven = b.natType != null;
        this.natType = natTypeGiven ? b.natType : NatType.UNKNOWN;
        this.followPlayerRequests = b.followPlayerRequests;
        this.httpOnly = b.httpOnly;
        this.pinnedRendition = b.rendition;
        // Playlists are origin bytes like segments: counted where segments are.
        this.poller = new PlaylistPoller(alarms, this::mediaPlaylist,
                (uri, etag) -> http.getIfChanged(uri, etag, TIMEOUT).whenComplete((r, failure) -> {
                    if (r != null) {
                        fetcher.fromOrigin(r);
                    }
                }), this::onPlaylist);
        this.playbackAlarm = new Alarm(alarms, "playback", this::onPlaybackAlarm);
        this.natBudgetAlarm = new Alarm(alarms, "NAT classification budget", this::natSettled);
    }

    /** Options for a source; {@link Builder#api}, {@link Builder#stream} and {@link Builder#eventLoops} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Opens the session and starts playing; completes once the API has answered, failing with its
     * reason if it refused. Binds the peer socket first, on the calling thread; without one (UDP
     * refused) the source plays over HTTP. Startup ({@link PlaybackStats#startupMs()}) is measured
     * from this call. Once only, and not on the source's event loop.
     */
    public CompletableFuture<SessionPlan> start() {
        offLoop("start()");
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("the player source is already started");
        }
        requestedAt = clock.getAsLong();
        if (followPlayerRequests) {
            requests = new RequestDrivenPlayback(clock, requestedAt);
        }
        if (httpOnly) {
            peerId = randomPeerId();
            return openSession();
        }
        try {
            endpoint = RtmfpEndpoint.builder().localAddress(peerBind).tunnel(peerTunnel).eventLoop(loop)
                    .params(PEER_PARAMS).bind();
            peerId = endpoint.peerId().toHex();
            localAddresses = LocalAddresses.of(endpoint.localAddress()).stream().map(LocalAddresses::text).toList();
        } catch (IOException e) {
            log.warn("no peer-to-peer socket ({}); playing over HTTP only", e.getMessage());
            peerId = randomPeerId();
        }
        return openSession();
    }

    private CompletableFuture<SessionPlan> openSession() {
        return new ApiClient(http, api, TIMEOUT).open(stream, token, peerId).thenApplyAsync(this::opened, loop);
    }

    private static String randomPeerId() {
        byte[] id = new byte[32];
        new SecureRandom().nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    /** The API answered: set up the parts the plan calls for, and fetch the first playlist. */
    private SessionPlan opened(SessionPlan p) {
        plan = p;
        player = requests != null ? requests : new VirtualPlayer(clock, requestedAt, VirtualPlayer.DEFAULT_MIN_BUFFER_MS);
        scheduler = new SegmentScheduler(settings.withPrefetch(p.p2p().prefetchSegments()), p2pEnabled(p),
                diagnostics::httpFallback, this::seeds, peerId.hashCode());
        renewer = new PlanRenewer(alarms, () -> plan, id -> new ApiClient(http, api, TIMEOUT).renew(id), this::renewed);
        if (p.pingbackUrl() != null && !httpOnly) {
            pingback = new PingbackReporter(http, URI.create(p.pingbackUrl()), p.sessionId(), p.ticket(), p.swarm(),
                    TIMEOUT);
            pingback.identity(peerId, natType);
            beacons = new BeaconTimer(alarms, () -> plan.pingbackIntervalMs(), this::report);
        }
        fetcher = new SegmentFetcher(loop, clock, http, TIMEOUT, store, scheduler, player, diagnostics, pingback,
                poller::heardOf, throughput);
        if (p.trackerUrl() != null && !httpOnly) {
            tracker = new TrackerClient(http, URI.create(p.trackerUrl()), TIMEOUT);
            announcer = new TrackerAnnouncer(alarms, this::announce, this::shortOfPeers);
        }
        openEntry();
        if (!natTypeGiven && endpoint != null && p.stun() != null && !p.stun().isEmpty()) {
            natBudgetAlarm.setIn(NAT_BUDGET_MS);
            classifyNat(p.stun());
        } else {
            natSettled();
        }
        return p;
    }

    /**
     * Reads the plan's entry playlist: a master playlist is followed from a rendition the
     * {@link AbrRule} picks, a media playlist is played as it is. Retried after a second until read.
     */
    private void openEntry() {
        URI entry = URI.create(plan.playlistUrls().get(0));
        http.get(entry, TIMEOUT).whenCompleteAsync((r, failure) -> {
            if (r != null) {
                fetcher.fromOrigin(r);
            }
            if (failure != null || !r.ok()) {
                log.debug("entry playlist {} not fetched: {}", entry, failure != null ? failure.toString() : r.status());
                alarms.schedule(PlaylistPoller.FIRST_RETRY_MS, this::openEntry);
            } else if (MasterPlaylist.isMaster(r.text())) {
                try {
                    MasterPlaylist master = MasterPlaylist.parse(r.text(), entry);
                    int pinned = master.variants().stream().map(MasterPlaylist.Variant::name).toList().indexOf(pinnedRendition);
                    if (pinnedRendition != null && pinned < 0) {
                        log.warn("stream {} has no rendition {}: picking one by throughput", stream, pinnedRendition);
                    }
                    renditions = new RenditionSelector(master, pinned >= 0 ? pinned
                            : AbrRule.forSegments(0).start(master.variants().stream().map(MasterPlaylist.Variant::bandwidth)
                                    .toList()), clock.getAsLong());
                    adaptive = pinned < 0;
                    store.renditionChanged(renditions.currentIndex());
                } catch (IllegalArgumentException e) {
                    log.warn("master playlist {} is not valid HLS: {}", entry, e.getMessage());
                    alarms.schedule(PlaylistPoller.FIRST_RETRY_MS, this::openEntry);
                    return;
                }
                rendition = renditions.current().name();
                poller.start();
            } else {
                poller.startWith(entry, r);
            }
        }, loop);
    }

    /** The media playlist followed now: the current rendition's, or the plan's own. */
    private URI mediaPlaylist() {
        return renditions != null ? renditions.current().uri() : URI.create(plan.playlistUrls().get(0));
    }

    /** The swarm this client is in: its rendition's ({@code STREAM/RENDITION}), or the stream's. */
    private String swarm() {
        return renditions != null ? plan.swarm() + "/" + renditions.current().name() : plan.swarm();
    }

    /**
     * Switches rendition when the rule says so: the next playlist fetched is the new rendition's, and
     * segments from then on come from it by sequence number (the renditions of a stream are cut
     * alike), while what is buffered plays on, so playback never waits on the switch. The client
     * leaves the old rendition's swarm and joins the new one's, on the tracker and among peers.
     */
    private void adaptRendition() {
        MediaPlaylist latest = poller.latest();
        if (!adaptive || latest == null) {
            return;
        }
        String before = swarm();
        long now = clock.getAsLong();
        renditions.decide(AbrRule.forSegments(latest.targetDurationMs()), now,
                throughput.estimateBps(fetcher.flowingBps(now)), player.bufferAheadMs()).ifPresent(s -> switched(s, before));
    }

    /**
     * Gives up the origin downloads that would arrive after their segment plays ({@link AbandonRule}),
     * goes down to the rendition the rule chose, and measures the link by what they received: the
     * segments are fetched again at the lower rendition as soon as its playlist lists them.
     */
    private void abandonLateDownloads() {
        if (!adaptive) {
            return;
        }
        long now = clock.getAsLong();
        List<DownloadWatch.Abandon> late = fetcher.abandonLate(now, renditions.bandwidths(),
                sequence -> player.msUntilNeeded(sequence, settings.defaultDurationMs()));
        if (late.isEmpty()) {
            return;
        }
        DownloadWatch.Abandon lowest = late.stream().min(Comparator.comparingInt(DownloadWatch.Abandon::to)).orElseThrow();
        log.debug("abandoned segment {} after {} bytes in {} ms ({} bit/s, {} ms until it plays)", lowest.sequence(),
                lowest.bodyBytes(), lowest.elapsedMs(), Math.round(lowest.bitsPerSecond()),
                player.msUntilNeeded(lowest.sequence(), settings.defaultDurationMs()));
        String before = swarm();
        renditions.abandonTo(lowest.to(), now, lowest.bitsPerSecond(), player.bufferAheadMs())
                .ifPresent(s -> switched(s, before));
        // After the switch, which forgets the old samples: these are the link as it is now.
        late.forEach(a -> throughput.sample(a.bodyBytes(), a.elapsedMs()));
    }

    /** Follows a switch made: the new rendition's playlist and swarm; {@code before} is the swarm left. */
    private void switched(RenditionSelector.Switch s, String before) {
        log.debug("rendition {} -> {} at {} bit/s with {} ms buffered", s.from(), s.to(), Math.round(s.throughputBps()),
                s.bufferMs());
        rendition = s.to();
        switches = renditions.switches();
        if (!s.up(renditions.master())) {
            throughput.forget();
        }
        store.renditionChanged(renditions.currentIndex());
        poller.refresh();
        if (peers != null) {
            peers.moveTo(swarm());
        }
        if (announcer != null && announcing) {
            announceTo(before, AnnounceEvent.LEAVE);
            announcer.rejoin();
        }
    }

    /** Where in a live window playback starts: deeper with peers, as deep as the plan says. */
    private int segmentsBehindLive(SessionPlan p) {
        if (endpoint == null || !p.p2p().enabled()) {
            return JoinPosition.WITHOUT_PEERS;
        }
        int planned = p.p2p().segmentsBehindLive();
        return planned > 0 ? planned : JoinPosition.WITH_PEERS;
    }

    /** Whether segments may come from peers: the plan says so, and this source is not HTTP only. */
    private boolean p2pEnabled(SessionPlan p) {
        return !httpOnly && p.p2p().enabled();
    }

    /** Each playlist the poller fetched; the first one starts playback and the parts that follow it. */
    private void onPlaylist(MediaPlaylist fresh) {
        store.list(fresh);
        for (MediaPlaylist.Segment s : fresh.segments()) {
            player.describe(s.sequence(), s.durationMs());
            if (s.programDateTime() != null) {
                latency.dated(s.sequence(), s.programDateTime());
            }
        }
        int behind = segmentsBehindLive(plan);
        if (firstPlaylist.isDone()) {
            if (player instanceof VirtualPlayer v) {
                JoinPosition.rejoin(fresh, v.playhead(), seq -> v.has(seq) || store.listed(seq) != null, behind)
                        .ifPresent(v::skipTo);
            }
            return;
        }
        player.startAt(JoinPosition.join(fresh, behind));
        firstPlaylist.complete(fresh);
        // Startup is on the clock: plan the first segments now, not at the next step.
        playbackAlarm.setIn(0);
        if (beacons != null) {
            beacons.start();
        }
        renewer.start();
        startAnnouncing();
    }

    /** The NAT is classified, or will not be within the budget: peers may be told of this client. */
    private void natSettled() {
        natSettled = true;
        natBudgetAlarm.cancel();
        startAnnouncing();
    }

    /** Joins the swarm once playback has begun and the NAT type it is matched on is known. */
    private void startAnnouncing() {
        if (announcer != null && !announcing && natSettled && firstPlaylist.isDone() && !firstPlaylist.isCompletedExceptionally()) {
            announcing = true;
            announcer.start();
        }
    }

    /** The playback step: moves the player on and carries out what the scheduler decides. */
    private void onPlaybackAlarm() {
        playbackAlarm.setIn(PLAYBACK_STEP_MS);
        player.tick();
        abandonLateDownloads();
        adaptRendition();
        if (peers != null) {
            peers.tick();
        } else {
            joinPeers(plan);
        }
        // Just after a switch the listing is the old rendition's: its segments are what the switch left.
        if (!store.listingBehind()) {
            for (FetchAction a : scheduler.plan(clock.getAsLong(), player, poller.latest().lastSequence(), fetcher)) {
                fetcher.carryOut(a);
            }
        }
        stats = player.stats();
        liveLatencyMs = latency.latencyMs(player);
        store.evictBefore(player.playhead());
        if (peers != null) {
            peers.forgetBefore(player.playhead());
            connections = peers.connectionTotals();
            attempts = peers.attempts();
            connectedPeers = peers.connectedPeers();
        }
    }

    /** A renewed plan: P2P may have been switched on as the swarm grew, or off, and the nodes moved. */
    private void renewed(SessionPlan fresh) {
        plan = fresh;
        if (pingback != null) {
            pingback.ticket(fresh.ticket());
        }
        scheduler.update(p2pEnabled(fresh), fresh.p2p().prefetchSegments());
        joinPeers(fresh);
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
            peers = new PeerNetwork(endpoint, loop, clock, swarm(), p.p2p().maxPeers(), p.p2p().uploadLimitKbps(),
                    store.forPeers(), fetcher);
            fetcher.usePeers(peers);
            peers.natType(natType);
            peers.joinRendezvous(p.rendezvous(), p.stream(), token);
            // Meet the swarm now rather than at the next periodic announce.
            if (announcer != null) {
                announcer.soon();
            }
        }
    }

    private void classifyNat(List<String> stun) {
        StartupNatProbe.quick().classify(stun, localAddress == null ? null : localAddress.getAddress())
                .whenCompleteAsync((type, failure) -> {
                    if (failure != null) {
                        log.debug("NAT not classified: {}", failure.toString());
                        natSettled();
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
                    if (announcer != null) {
                        announcer.soon();
                    }
                    natSettled();
                }, loop);
    }

    private boolean seeds(long sequence, long msBeforeUrgent) {
        return peers == null || peers.connectedPeers() == 0
                || SeedSelection.seeds(peerId, sequence, swarmSize, msBeforeUrgent);
    }

    /** A client short of peers announces sooner, to meet the swarm. */
    private boolean shortOfPeers() {
        return peers != null && peers.connectedPeers() < Math.min(2, plan.p2p().maxPeers());
    }

    private CompletableFuture<?> report() {
        pingback.latency(liveLatencyMs);
        pingback.rendition(rendition);
        return peers == null ? pingback.report(player.stats(), player.bufferAheadMs(), List.of(), List.of())
                : pingback.report(player.stats(), player.bufferAheadMs(), peers.linkTotals(), peers.connectionTotals(),
                        peers.attempts(), peers.attemptCounts());
    }

    private CompletableFuture<?> announce(AnnounceEvent event) {
        return announceTo(swarm(), event);
    }

    private CompletableFuture<?> announceTo(String swarm, AnnounceEvent event) {
        LongSummaryStatistics held = store.forPeers().sequences().stream().mapToLong(Long::longValue).summaryStatistics();
        SegmentRange have = held.getCount() == 0 ? null : new SegmentRange(held.getMin(), held.getMax());
        // Before the first segment plays the playhead is -1; the tracker's position starts at 0.
        long position = Math.max(0, player.playhead());
        return tracker.announce(new AnnounceRequest(swarm, peerId, event, natType, localAddresses, position, have,
                plan.p2p().uploadLimitKbps(), null, plan.ticket())).whenCompleteAsync((answer, failure) -> {
                    if (failure != null) {
                        log.debug("announce failed: {}", failure.toString());
                    } else if (answer != null && peers != null && event != AnnounceEvent.LEAVE) {
                        swarmSize = answer.swarmSize();
                        peers.offer(answer.peers());
                    }
                }, loop).exceptionally(e -> null);
    }

    /** The newest media playlist, once the first one has been fetched (the future waits for it). */
    public CompletableFuture<MediaPlaylist> playlist() {
        return firstPlaylist.thenApplyAsync(first -> poller.latest(), loop);
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
            byte[] held = store.get(sequence);
            MediaPlaylist.Segment listed = store.listed(sequence);
            if (held != null || listed == null) {
                return held != null ? CompletableFuture.completedFuture(held) : CompletableFuture.<byte[]>failedFuture(
                        new NoSuchElementException("segment " + sequence + " is not in the playlist"));
            }
            CompletableFuture<byte[]> arrival = store.await(sequence);
            alarms.schedule(scheduler.urgentMs(), () -> {
                if (store.abandon(sequence, arrival)) {
                    diagnostics.httpFallback(new SegmentScheduler.Fallback(sequence, FallbackReason.URGENT));
                    fetcher.fetchForPlayer(listed).whenComplete((body, failure) -> {
                        if (failure != null) {
                            arrival.completeExceptionally(failure);
                        } else {
                            arrival.complete(body);
                        }
                    });
                }
            });
            return arrival;
        }, loop).thenCompose(f -> f).whenCompleteAsync((body, failure) -> {
            if (requests != null) {
                requests.answered(sequence, failure == null);
            }
        }, loop);
    }

    /** The fMP4 init segment the playlist names, straight from the origin; fails if there is none. */
    public CompletableFuture<byte[]> initSegment() {
        return playlist().thenCompose(p -> p.initSegment() == null
                ? CompletableFuture.failedFuture(new NoSuchElementException("the playlist has no init segment"))
                : http.get(p.initSegment(), TIMEOUT).thenApply(r -> {
                    fetcher.fromOrigin(r);
                    if (!r.ok()) {
                        throw new CompletionException(new IOException("origin answered " + r.status()));
                    }
                    return r.body();
                }));
    }

    /**
     * A segment this source holds now, by media sequence number, without waiting for one to
     * arrive (see {@link #segmentForPlayer} for that). Completes on the loop; safe to call from it.
     */
    public CompletableFuture<Optional<byte[]>> heldSegment(long sequence) {
        return CompletableFuture.supplyAsync(() -> Optional.ofNullable(store.get(sequence)), loop);
    }

    /** The rendition followed in the stream's master playlist, or empty for a stream without renditions. */
    public Optional<String> rendition() {
        return Optional.ofNullable(rendition);
    }

    /** Every rendition switch so far, oldest first, each with the throughput and buffer it was decided on. */
    public List<RenditionSelector.Switch> renditionSwitches() {
        return switches;
    }

    /** The throughput segments arrive at now, from the origin and peers together, in bit/s; 0 before the first. */
    public double throughputBps() {
        return throughput.estimateBps();
    }

    /** How playback has gone so far: startup time, media played, stalls. */
    public PlaybackStats stats() {
        return stats;
    }

    /**
     * How far behind live playback is, in ms, as of the last playback step: the encoder-to-screen
     * delay ({@link LiveLatency}); -1 before the first frame or when the playlist dates no segment.
     */
    public long liveLatencyMs() {
        return liveLatencyMs;
    }

    /**
     * Bytes that came from the origin over HTTP: segments, playlists and init segments, each with
     * its headers, as the origin sent them (what beacons report too).
     */
    public long httpBytes() {
        SegmentFetcher f = fetcher;
        return f == null ? 0 : f.httpBytes();
    }

    /** Bytes of segments that came from peers and passed their digest check. */
    public long p2pBytes() {
        SegmentFetcher f = fetcher;
        return f == null ? 0 : f.p2pBytes();
    }

    /** The media bitrate of the segments received so far, in kbit/s; 0 before the first. */
    public double mediaKbps() {
        SegmentFetcher f = fetcher;
        return f == null ? 0 : f.mediaKbps();
    }

    /** True once the first playlist has arrived. */
    public boolean hasPlaylist() {
        return firstPlaylist.isDone() && !firstPlaylist.isCompletedExceptionally();
    }

    /** Peer connections tried and made, by the far peer's NAT type. */
    public List<ConnectionTotals> connections() {
        return connections;
    }

    /** The most recent attempts to connect to peers, oldest first, each with how it ended and why. */
    public List<ConnectionAttempt> connectionAttempts() {
        return attempts;
    }

    /** Peers connected now. */
    public int connectedPeers() {
        return connectedPeers;
    }

    /** Every segment that came from HTTP rather than a peer, with the reason. */
    public List<SegmentScheduler.Fallback> fallbacks() {
        return diagnostics.fallbacks();
    }

    /** HTTP fallbacks, failed peer connections and parts that threw, to read or to listen to. */
    public Diagnostics diagnostics() {
        return diagnostics;
    }

    /** This client's id in the swarm; null before {@link #start}. */
    public @Nullable String peerId() {
        return peerId;
    }

    /** The NAT type reported in announces and beacons: the one given, else UNKNOWN until classified. */
    public NatType natType() {
        return natType;
    }

    /**
     * Where peers on this client's own network reach its peer socket: every interface's address
     * (without loopback and link-local ones, unless the socket is bound to one) with the socket's
     * port, as announced to the tracker and the rendezvous. Empty before {@link #start} or without
     * a peer socket.
     */
    public List<String> localAddresses() {
        return localAddresses;
    }

    /**
     * Checks this device's connectivity against the node of the plan in force: its NAT type, whether
     * UDP reaches the rendezvous, and which kinds of peer it can reach, in a report that reads in
     * plain words ({@link ConnectivityReport#summary()}). Fails before the API has answered.
     */
    public CompletableFuture<ConnectivityReport> checkConnectivity() {
        SessionPlan p = plan;
        if (p == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no session plan yet: start the source first"));
        }
        return ConnectivityCheck.run(p);
    }

    /** The plan in force: empty until the API has answered. */
    public Optional<SessionPlan> plan() {
        return Optional.ofNullable(plan);
    }

    /**
     * Stops playing, lets the fetches under way finish, then leaves the swarm and sends a last beacon,
     * so it carries every byte; waits up to five seconds in all. Not on the source's event loop, which
     * it waits for.
     */
    @Override
    public void close() {
        offLoop("close()");
        firstPlaylist.completeExceptionally(new IllegalStateException("the player source is closed"));
        CompletableFuture<?> done = CompletableFuture.supplyAsync(() -> {
            poller.stop();
            playbackAlarm.cancel();
            natBudgetAlarm.cancel();
            if (renewer != null) {
                renewer.stop();
            }
            return http.settled();
        }, loop).thenCompose(f -> f).thenComposeAsync(settled -> {
            List<CompletableFuture<?>> last = new ArrayList<>();
            if (announcer != null) {
                last.add(announcer.leave());
            }
            if (beacons != null) {
                last.add(beacons.last());
            }
            return CompletableFuture.allOf(last.toArray(CompletableFuture[]::new));
        }, loop);
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

    private void offLoop(String method) {
        if (loop.inEventLoop()) {
            throw new IllegalStateException(method + " waits for the network: call it off the player source's event loop");
        }
    }

    /** Options set before a source exists, so none can change under a running one. */
    public static final class Builder {
        private URI api;
        private String stream;
        private String token;
        private EventLoopGroup group;
        private InetSocketAddress localAddress;
        private UnaryOperator<InetSocketAddress> httpRoute;
        private InetSocketAddress peerBind;
        private DatagramTunnel peerTunnel = DatagramTunnel.DIRECT;
        private NatType natType;
        private boolean followPlayerRequests;
        private boolean httpOnly;
        private String rendition;

        private Builder() {
        }

        /** The node's API, where the session is opened ({@code http://host:8081}); required. */
        public Builder api(URI api) {
            this.api = api;
            return this;
        }

        /** The stream to play; required. */
        public Builder stream(String stream) {
            this.stream = stream;
            return this;
        }

        /** The access token the node asks for, if it is not open; none by default. */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /** Where the source takes its event loop and the HTTP client its connections from; required. */
        public Builder eventLoops(EventLoopGroup group) {
            this.group = group;
            return this;
        }

        /** The address HTTP connections (and, by default, the peer socket) leave from; any by default. */
        public Builder localAddress(InetSocketAddress localAddress) {
            this.localAddress = localAddress;
            return this;
        }

        /**
         * Where HTTP connections go instead of each URL's host and port, which the requests still
         * name: the simulator passes its relay that gives each peer the latency and rate of its link.
         * Directly by default.
         */
        public Builder httpRoute(UnaryOperator<InetSocketAddress> route) {
            this.httpRoute = route;
            return this;
        }

        /**
         * Where the peer-to-peer socket binds and the path its datagrams take (the simulator puts each
         * peer behind an emulated NAT). By default it binds beside the HTTP client, directly.
         */
        public Builder peerSocket(InetSocketAddress bind, DatagramTunnel tunnel) {
            this.peerBind = Objects.requireNonNull(bind, "bind");
            this.peerTunnel = Objects.requireNonNull(tunnel, "tunnel");
            return this;
        }

        /**
         * The NAT type this client reports, instead of classifying it against the plan's STUN
         * servers (a simulation knows its emulated NATs).
         */
        public Builder natType(NatType natType) {
            this.natType = natType;
            return this;
        }

        /**
         * Lets an external player drive timing instead of the built-in virtual player: each segment
         * it asks for through {@link #segmentForPlayer} becomes the position the scheduler plans
         * from. The local proxy needs it.
         */
        public Builder followPlayerRequests() {
            this.followPlayerRequests = true;
            return this;
        }

        /**
         * Plays as a viewer without WebP2P would, from the origin alone: a session from the API but no
         * peer socket, no tracker and no beacons, whatever the plan says. The simulator's HTTP-only
         * baseline plays this way beside the swarm, and leaves the node's figures to the swarm.
         */
        public Builder httpOnly() {
            this.httpOnly = true;
            return this;
        }

        /**
         * Plays only this rendition of a stream with renditions ({@code 90p} for
         * {@code /live/demo/90p/index.m3u8}), as a viewer who picks a quality does; null, the default,
         * picks and switches by throughput and buffer. Ignored, with a warning, when the stream has no
         * such rendition.
         */
        public Builder rendition(String name) {
            this.rendition = name;
            return this;
        }

        /** A source with these options, not yet started. */
        public WebP2pPlayerSource build() {
            return new WebP2pPlayerSource(this);
        }
    }
}
