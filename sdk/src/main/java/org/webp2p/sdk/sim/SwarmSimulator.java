package org.webp2p.sdk.sim;

import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.webp2p.nat.FilteringBehaviour;
import org.webp2p.nat.MappingBehaviour;
import org.webp2p.nat.NatType;
import org.webp2p.nat.emulator.EmulatedNat;
import org.webp2p.nat.emulator.LinkCounters;
import org.webp2p.nat.emulator.LoopbackLab;
import org.webp2p.nat.emulator.NatProfile;
import org.webp2p.nat.emulator.ShapedLink;
import org.webp2p.nat.transport.DatagramTunnel;
import org.webp2p.sdk.WebP2pPlayerSource;
import org.webp2p.sdk.peer.ConnectionAttempt;
import org.webp2p.sdk.playback.PlaybackStats;

/**
 * Runs a swarm of real SDK clients against a node, each behind its own emulated NAT of the mix's
 * type (or open, on its own 127.x address), or several behind one NAT as {@link NatGroups} say (an
 * office: they share its public address, HTTP included, and meet on their inside addresses), playing
 * in real time, with peers leaving and joining at the churn rate, and sums up what they experienced.
 */
public final class SwarmSimulator {
    /** Peers start spread over this long, as an audience arrives, not all in one instant. */
    private static final long RAMP_MS = 3_000;
    /** The link class of a peer a shaping profile could not shape: its node is not on this machine. */
    static final String UNSHAPED = "unshaped";
    /** NAT mappings outlive the peers' 10 s keepalives, as home routers' do. */
    private static final Duration MAPPING_TIMEOUT = Duration.ofSeconds(60);
    /**
     * An open peer's link on a shaped network: a gateway that maps and filters independently of the
     * endpoint hides nothing from anyone (everyone can reach the host once it has sent a packet, which
     * joining the swarm does), so it carries the link without changing what the host can reach.
     */
    private static final NatProfile OPEN_LINK = new NatProfile(MappingBehaviour.ENDPOINT_INDEPENDENT,
            FilteringBehaviour.ENDPOINT_INDEPENDENT);
    /**
     * The warm-up's viewers are numbered from here, so that they take other loopback addresses and
     * tokens than the measured run's, and the measured run's links are drawn as without a warm-up.
     */
    static final int WARMUP_FIRST_INDEX = 40_000;

    private final URI api;
    private final String stream;
    private final IntFunction<String> tokens;
    private final EventLoopGroup group;
    /** Every link drawn, with the class it was drawn from ({@code broadband}, {@code mobile}, ...). */
    private final Map<ShapedLink, String> linkClasses = new ConcurrentHashMap<>();
    private NetworkProfile network = NetworkProfile.LAN;
    private long networkSeed = 1;
    /** The group NAT of every peer ever started, by peer ID ({@code -1}: its own NAT). */
    private final Map<String, Integer> groupOf = new ConcurrentHashMap<>();
    private volatile boolean stopRequested;
    private SimulationReport.BaselineTiming baseline;
    private String rendition;
    private Duration warmup = Duration.ZERO;

    /**
     * One simulated viewer: its client, the NAT in front of it if it is its own, the relay of its HTTP
     * if its link is its own, its seat, the class of its link, and its session request. A group's NAT
     * and link outlive its members.
     */
    private record SimulatedPeer(int index, WebP2pPlayerSource source, EmulatedNat ownGateway, ShapedHttpRelay relay,
                                 InetAddress address, Seat seat, String linkClass, long requestedAt,
                                 CompletableFuture<?> session) {
        void leave() {
            source.close();
            if (ownGateway != null) {
                ownGateway.close();
            }
            if (relay != null) {
                relay.detach(address);
            }
        }
    }

    /**
     * Where a peer sits: the NAT type in front of it and, for a peer in a group, the group NAT's
     * number ({@code -1} for a NAT of its own). A peer replaced by churn takes the same seat.
     */
    private record Seat(NatType type, int groupNat) {
    }

    /** The viewers of one group (the swarm, or the HTTP-only baseline) playing now, and the sums of those gone. */
    private static final class Group {
        final List<SimulatedPeer> live = new ArrayList<>();
        final GroupFigures gone = new GroupFigures();
        final boolean p2p;
        int started;

        Group(boolean p2p) {
            this.p2p = p2p;
        }
    }

    /**
     * @param tokens the API token the peer of each index (0, 1, ...; a peer replaced by churn gets a
     *               new index) plays with, or null for an open stream. The API bounds the sessions of
     *               one token subject ({@code api.max-sessions-per-subject}), and a simulation may start
     *               more peers than that: a node's own tools give each peer a subject of its own.
     */
    public SwarmSimulator(URI api, String stream, IntFunction<String> tokens, EventLoopGroup group) {
        this.api = api;
        this.stream = stream;
        this.tokens = tokens;
        this.group = group;
    }

    /**
     * Gives each peer an access link drawn from {@code profile} for its datagrams and its HTTP (only
     * where NATs are emulated, on loopback); {@code seed} draws the links, their losses and jitter, so
     * a run can be repeated. {@link NetworkProfile#LAN} by default: no shaping. Before {@link #run}.
     */
    public SwarmSimulator network(NetworkProfile profile, long seed) {
        this.network = profile;
        this.networkSeed = seed;
        return this;
    }

    /** What the peers' links have done to their datagrams so far, summed over every peer. */
    public LinkCounters linkTotals() {
        long[] t = new long[6];
        for (ShapedLink link : linkClasses.keySet()) {
            LinkCounters c = link.counters();
            t[0] += c.up().passed();
            t[1] += c.up().lost();
            t[2] += c.up().queueDrops();
            t[3] += c.down().passed();
            t[4] += c.down().lost();
            t[5] += c.down().queueDrops();
        }
        return new LinkCounters(new LinkCounters.Direction(t[0], t[1], t[2]), new LinkCounters.Direction(t[3], t[4], t[5]));
    }

    /**
     * Every viewer plays this rendition of a stream with renditions and never switches
     * ({@link WebP2pPlayerSource.Builder#rendition}), so the run measures one swarm; by default each
     * picks and switches on its own link. Before {@link #run}.
     */
    public SwarmSimulator rendition(String name) {
        this.rendition = name;
        return this;
    }

    /**
     * Also plays as many viewers over HTTP alone ({@link WebP2pPlayerSource.Builder#httpOnly}), reported
     * as the {@link SimulationReport#baseline}: each on a link drawn like its swarm twin's, joining and
     * leaving when its twin does. {@link SimulationReport.BaselineTiming#TOGETHER TOGETHER} plays them
     * beside the swarm; {@link SimulationReport.BaselineTiming#AFTER AFTER} once the swarm's run is
     * over, for as long and with the same churn, so a machine that carries the swarm alone need not
     * carry twice its clients. Before {@link #run}.
     */
    public SwarmSimulator withBaseline(SimulationReport.BaselineTiming timing) {
        this.baseline = timing;
        return this;
    }

    /**
     * Before the measured run, plays as many viewers with peers for {@code length}, then lets them all
     * leave, and counts nothing of theirs. Every simulated viewer shares this one JVM, and for its
     * first half minute the JIT compiler took a third of a 2-core machine (a 50-viewer profile): the
     * swarm's first viewers played on what was left, and most of a run's stalls came then, while an
     * HTTP-only baseline played after it ({@link SimulationReport.BaselineTiming#AFTER}) found the code
     * compiled. A real viewer's device does not share its CPU with a hundred others. Before {@link #run}.
     */
    public SwarmSimulator warmup(Duration length) {
        if (length.isNegative()) {
            throw new IllegalArgumentException("a warm-up cannot be negative: " + length);
        }
        this.warmup = length;
        return this;
    }

    /** Ends a running simulation early; {@link #run} then returns the report so far. */
    public void stop() {
        stopRequested = true;
    }

    /**
     * Runs for {@code duration} or until {@link #stop}; {@code churnPerMinute} is the share of peers
     * replaced each minute (0.1 = 10%). {@code progress} hears a line now and then.
     */
    public SimulationReport run(int peers, NatMix mix, double churnPerMinute, Duration duration,
                                Consumer<String> progress) throws InterruptedException, IOException {
        return run(peers, mix, NatGroups.none(), churnPerMinute, duration, progress);
    }

    /**
     * As {@link #run(int, NatMix, double, Duration, Consumer)}, with some of the peers sharing NATs as
     * {@code groups} say; the group NATs take their types from the mix too.
     *
     * @throws IllegalArgumentException when the groups hold more peers than {@code peers}
     */
    public SimulationReport run(int peers, NatMix mix, NatGroups groups, double churnPerMinute, Duration duration,
                                Consumer<String> progress) throws InterruptedException, IOException {
        List<Seat> seats = seats(peers, mix, groups);
        if (!emulatesNats(api)) {
            progress.accept("the node is not on this machine's loopback, which emulated NATs cannot leave: "
                    + "the peers use this machine's own network and classify their NAT with STUN"
                    + (network.shapes() ? ", and its real conditions instead of the network profile " + network.spec() : ""));
        }
        Group swarm = new Group(true);
        Group http = new Group(false);
        List<List<Group>> phases = baseline == null ? List.of(List.of(swarm))
                : baseline == SimulationReport.BaselineTiming.TOGETHER ? List.of(List.of(swarm, http))
                : List.of(List.of(swarm), List.of(http));
        Run run = new Run(new NatAttempts(groupOf), progress, 0);
        long swarmMs = 0;
        int atEnd = 0;
        try (LoopbackLab lab = new LoopbackLab(MAPPING_TIMEOUT);
             ShapedHttpRelay relay = new ShapedHttpRelay(group)) {
            if (!warmup.isZero()) {
                progress.accept("warming up for " + warmup.toSeconds() + " s with " + peers
                        + " viewers that are not counted");
                Run warm = new Run(new NatAttempts(groupOf), line -> progress.accept("warm-up " + line),
                        WARMUP_FIRST_INDEX);
                play(warm, lab, relay, List.of(new Group(true)), seats, churnPerMinute, warmup);
            }
            for (List<Group> phase : phases) {
                if (phase.get(0) == http) {
                    progress.accept("the swarm's run is over; now as many viewers over HTTP alone, on the same links "
                            + "with the same churn");
                }
                long begin = System.currentTimeMillis();
                int live = play(run, lab, relay, phase, seats, churnPerMinute, duration);
                if (phase.contains(swarm)) {
                    atEnd = live;
                    swarmMs = System.currentTimeMillis() - begin;
                }
            }
        }
        GroupFigures f = swarm.gone;
        NatAttempts natAttempts = run.natAttempts;
        return new SimulationReport(stream, network.spec(), f.streamBitrateKbps(), peers, churnPerMinute, swarm.started,
                atEnd, f.offloadRatio(), f.stalls(), f.stallMs(), f.stallRatio(), f.startupPercentile(50),
                f.startupPercentile(95), f.liveLatencyP50Ms(), f.neverStarted(), f.natSuccess(), f.originBytes(),
                f.p2pBytes(), swarmMs, warmup.toMillis(), f.peerFailures(), f.fallbacks(), natAttempts.sameNat(),
                natAttempts.crossNatCone(), natAttempts.attempts, natAttempts.natTypes, f.byLinkClass(),
                baseline == null ? null : http.gone.asBaseline(baseline));
    }

    /** What the phases of one run share: the peer numbering, the swarm's indices by start, NAT tallies. */
    private static final class Run {
        final NatAttempts natAttempts;
        final Consumer<String> progress;
        final Map<Integer, EmulatedNat> groupNats = new HashMap<>();
        /** The access link each group NAT shares, when links are shaped. */
        final Map<Integer, ShapedLink> groupLinks = new HashMap<>();
        /** The index each swarm viewer got, in the order they started: the n-th start's twin plays on its link. */
        final List<Integer> swarmIndexByStart = new ArrayList<>();
        int next;

        Run(NatAttempts natAttempts, Consumer<String> progress, int firstIndex) {
            this.natAttempts = natAttempts;
            this.progress = progress;
            this.next = firstIndex;
        }
    }

    /**
     * Plays {@code groups} side by side for {@code duration} or until {@link #stop}: one viewer of each
     * per seat, then each second each seat's viewers leave together with the per-minute churn's
     * probability, drawn from the same seed in every phase, and new ones take the seat. Returns how
     * many of the first group's viewers played at the end.
     */
    private int play(Run run, LoopbackLab lab, ShapedHttpRelay relay, List<Group> groups, List<Seat> seats,
                     double churnPerMinute, Duration duration) throws InterruptedException, IOException {
        Random churn = new Random(7);
        int starts = 0;
        long begin = System.currentTimeMillis();
        long end = begin + duration.toMillis();
        for (int i = 0; i < seats.size() && !stopRequested; i++) {
            for (Group g : groups) {
                g.live.add(startPeer(lab, relay, run, g, starts, seats.get(i)));
            }
            starts++;
            Thread.sleep(RAMP_MS / Math.max(1, seats.size()));
        }
        long nextReport = begin + 10_000;
        List<SimulatedPeer> first = groups.get(0).live;
        while (System.currentTimeMillis() < end && !stopRequested) {
            Thread.sleep(Math.min(1000, Math.max(1, end - System.currentTimeMillis())));
            for (int i = 0; i < first.size(); i++) {
                if (churn.nextDouble() < churnPerMinute / 60.0) {
                    for (Group g : groups) {
                        SimulatedPeer gone = g.live.get(i);
                        leave(g, gone, run.natAttempts);
                        g.live.set(i, startPeer(lab, relay, run, g, starts, gone.seat()));
                    }
                    starts++;
                }
            }
            if (System.currentTimeMillis() >= nextReport) {
                nextReport += 10_000;
                run.progress.accept(progressLine(groups, begin));
            }
        }
        int atEnd = first.size();
        for (Group g : groups) {
            g.live.forEach(p -> leave(g, p, run.natAttempts));
            g.live.clear();
        }
        return atEnd;
    }

    private static String progressLine(List<Group> groups, long begin) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%3ds", (System.currentTimeMillis() - begin) / 1000));
        for (Group g : groups) {
            long stalls = g.live.stream().mapToLong(p -> p.source().stats().stalls()).sum() + g.gone.stalls();
            if (!g.p2p) {
                line.append(groups.size() > 1 ? "  (HTTP only: stalls " + stalls + ")"
                        : "  HTTP-only viewers " + g.live.size() + "  stalls " + stalls);
                continue;
            }
            long p2p = g.live.stream().mapToLong(p -> p.source().p2pBytes()).sum() + g.gone.p2pBytes();
            long origin = g.live.stream().mapToLong(p -> p.source().httpBytes()).sum() + g.gone.originBytes();
            int links = g.live.stream().mapToInt(p -> p.source().connectedPeers()).sum();
            line.append(String.format(Locale.ROOT, "  peers %d  links %d  offload %.0f%%  stalls %d", g.live.size(),
                    links / 2, p2p + origin == 0 ? 0.0 : 100.0 * p2p / (p2p + origin), stalls));
        }
        return line.toString();
    }

    /**
     * True when the node is on loopback, where each peer gets its own 127.x address and emulated
     * NAT; a node elsewhere is reached through this machine's real network, from its own address.
     */
    static boolean emulatesNats(URI api) {
        try {
            return api.getHost() != null && InetAddress.getByName(api.getHost()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** A seat per peer: the groups' first, each group NAT with the mix's next type, then peers alone. */
    private List<Seat> seats(int peers, NatMix mix, NatGroups groups) {
        if (groups.peers() > peers) {
            throw new IllegalArgumentException("the NAT groups hold " + groups.peers() + " peers, more than the "
                    + peers + " simulated");
        }
        List<Seat> seats = new ArrayList<>();
        List<NatType> groupTypes = groups.nats() == 0 ? List.of() : mix.assign(groups.nats());
        int n = 0;
        for (NatGroups.Group g : groups.groups()) {
            for (int i = 0; i < g.nats(); i++, n++) {
                for (int j = 0; j < g.peersEach(); j++) {
                    NatType type = groupTypes.get(n);
                    // An open group has no NAT to share: its peers are on the public network.
                    seats.add(new Seat(type, type == NatType.OPEN ? -1 : n));
                }
            }
        }
        mix.assign(peers - groups.peers()).forEach(t -> seats.add(new Seat(t, -1)));
        if (groups.nats() > 0) {
            // Offices and homes fill up together, as an audience arrives, not one office after another.
            Collections.shuffle(seats, new Random(11));
        }
        return seats;
    }

    /**
     * Starts the viewer of {@code g} for the run's {@code start}-th start; an HTTP-only viewer gets a
     * link like the one the swarm's viewer of the same start had.
     */
    private SimulatedPeer startPeer(LoopbackLab lab, ShapedHttpRelay relay, Run run, Group g, int start, Seat seat)
            throws IOException {
        int index = run.next++;
        if (g.p2p) {
            run.swarmIndexByStart.add(index);
        }
        int twin = start < run.swarmIndexByStart.size() ? run.swarmIndexByStart.get(start) : index;
        Map<Integer, EmulatedNat> groupNats = run.groupNats;
        Consumer<String> progress = run.progress;
        boolean emulated = emulatesNats(api);
        NatType nat = seat.type();
        InetSocketAddress httpAddress = emulated ? address(index) : null;
        if (!g.p2p) {
            WebP2pPlayerSource.Builder b = WebP2pPlayerSource.builder().api(api).stream(stream)
                    .token(tokens.apply(index)).eventLoops(group).localAddress(httpAddress).httpOnly().rendition(rendition);
            ShapedLink ownLink = emulated && network.shapes() ? link(twin) : null;
            if (ownLink != null) {
                relay.attach(httpAddress.getAddress(), ownLink);
                b.httpRoute(relay::route);
            }
            return started(g, index, b.build(), null, ownLink == null ? null : relay,
                    ownLink == null ? null : httpAddress.getAddress(), seat, linkClass(ownLink), progress);
        }
        EmulatedNat gateway = null;
        EmulatedNat shared = null;
        ShapedLink ownLink = null;
        if (emulated) {
            if (seat.groupNat() >= 0) {
                shared = groupNats.get(seat.groupNat());
                if (shared == null) {
                    shared = lab.nat(NatProfile.of(nat));
                    groupNats.put(seat.groupNat(), shared);
                    if (network.shapes()) {
                        // An office shares one access link: its members' datagrams and HTTP queue together.
                        ShapedLink link = link(index);
                        shared.shape(link);
                        relay.attach(shared.publicAddress(), link);
                        run.groupLinks.put(seat.groupNat(), link);
                    }
                }
                // A group's HTTP leaves from its NAT's public address too, so the tracker sees one office.
                httpAddress = new InetSocketAddress(shared.publicAddress(), 0);
            } else {
                ownLink = network.shapes() ? link(index) : null;
                if (nat != NatType.OPEN || ownLink != null) {
                    gateway = lab.nat(nat == NatType.OPEN ? OPEN_LINK : NatProfile.of(nat));
                }
                if (ownLink != null) {
                    gateway.shape(ownLink);
                    relay.attach(httpAddress.getAddress(), ownLink);
                }
            }
        }
        WebP2pPlayerSource.Builder b = WebP2pPlayerSource.builder().api(api).stream(stream).token(tokens.apply(index))
                .eventLoops(group).localAddress(httpAddress).rendition(rendition);
        if (emulated) {
            b.natType(nat);
            EmulatedNat front = shared != null ? shared : gateway;
            if (front == null) {
                b.peerSocket(httpAddress, DatagramTunnel.DIRECT);
            } else {
                b.peerSocket(new InetSocketAddress(front.insideAddress(), 0), front.tunnel());
            }
            if (network.shapes()) {
                b.httpRoute(relay::route);
            }
        }
        ShapedLink applied = shared != null ? run.groupLinks.get(seat.groupNat()) : ownLink;
        return started(g, index, b.build(), gateway, ownLink == null ? null : relay,
                ownLink == null ? null : httpAddress.getAddress(), seat, linkClass(applied), progress);
    }

    /**
     * The class a peer's link was drawn from: the profile's own under a profile that shapes nothing
     * ({@code lan}), {@code unshaped} for a peer whose link could not be emulated.
     */
    private String linkClass(ShapedLink link) {
        if (link != null) {
            return linkClasses.get(link);
        }
        return network.shapes() ? UNSHAPED : network.classes().get(0).name();
    }

    private SimulatedPeer started(Group g, int index, WebP2pPlayerSource s, EmulatedNat ownGateway,
                                  ShapedHttpRelay relay, InetAddress address, Seat seat, String linkClass,
                                  Consumer<String> progress) {
        long requestedAt = System.currentTimeMillis();
        CompletableFuture<?> session = s.start();
        session.exceptionally(e -> {
            progress.accept("peer " + index + " has no session and plays nothing: " + cause(e).getMessage());
            return null;
        });
        if (g.p2p && s.peerId() != null) {
            groupOf.put(s.peerId(), seat.groupNat());
        }
        g.started++;
        return new SimulatedPeer(index, s, ownGateway, relay, address, seat, linkClass, requestedAt, session);
    }

    /** Lets a viewer go, then takes what it experienced: closing lets its last fetches count. */
    private static void leave(Group g, SimulatedPeer p, NatAttempts natAttempts) {
        long now = System.currentTimeMillis();
        // Taken before closing: a closed source's player stands still while live moves on.
        long latencyMs = p.source().liveLatencyMs();
        p.leave();
        g.gone.add(outcome(p, now, latencyMs));
        if (g.p2p) {
            natAttempts.add(p);
        }
    }

    private static PeerOutcome outcome(SimulatedPeer p, long now, long latencyMs) {
        WebP2pPlayerSource s = p.source();
        PlaybackStats stats = s.stats();
        return new PeerOutcome(s.natType(), p.linkClass(), stats, latencyMs, s.httpBytes(), s.p2pBytes(), s.mediaKbps(),
                s.connections(),
                s.diagnostics().peerFailures().stream().map(f -> f.reason().name()).toList(),
                s.diagnostics().fallbacks().stream().map(f -> f.reason().name()).toList(),
                stats.startupMs() >= 0 ? null : neverStarted(p, now));
    }

    /** Why a viewer showed no frame, from how far it got. */
    private static NeverStarted neverStarted(SimulatedPeer p, long now) {
        long waited = now - p.requestedAt();
        CompletableFuture<?> session = p.session();
        if (session.isCompletedExceptionally()) {
            Throwable why = session.handle((ok, e) -> cause(e)).join();
            return NeverStarted.of(p.index(), NeverStarted.Reason.NO_SESSION, "refused: " + why.getMessage(), waited,
                    true);
        }
        if (!session.isDone()) {
            return NeverStarted.of(p.index(), NeverStarted.Reason.NO_SESSION, "the API had not answered", waited,
                    false);
        }
        if (!p.source().hasPlaylist()) {
            return NeverStarted.of(p.index(), NeverStarted.Reason.NO_PLAYLIST, "no playlist from the origin", waited,
                    false);
        }
        return NeverStarted.of(p.index(), NeverStarted.Reason.NO_FIRST_FRAME, "the first segment and the minimum "
                + "buffer were not on hand", waited, false);
    }

    private static Throwable cause(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    /** Link number {@code index}, the same in every run with the same seed, whatever the churn. */
    private ShapedLink link(int index) {
        long seed = networkSeed * 0x9E3779B97F4A7C15L + index;
        Random random = new Random(seed);
        NetworkProfile.LinkClass drawn = network.pick(random);
        ShapedLink link = ShapedLink.of(drawn.draw(random), seed);
        linkClasses.put(link, drawn.name());
        return link;
    }

    /** 127.3.0.1, 127.3.0.2, ...: one loopback address per peer so the node sees distinct clients. */
    static InetSocketAddress address(int index) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 3, (byte) (index / 250),
                (byte) (index % 250 + 1)}), 0);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The swarm's connection attempts by kind (same NAT, across cone NATs), and every peer's NAT type. */
    private static final class NatAttempts {
        private final Map<String, Integer> groupOf;
        private final long[] sameNat = new long[3];
        private final long[] crossNatCone = new long[3];
        private final List<SimulationReport.Attempt> attempts = new ArrayList<>();
        private final Map<String, NatType> natTypes = new TreeMap<>();

        NatAttempts(Map<String, Integer> groupOf) {
            this.groupOf = groupOf;
        }

        void add(SimulatedPeer p) {
            WebP2pPlayerSource s = p.source();
            if (s.peerId() != null) {
                natTypes.put(s.peerId(), s.natType());
            }
            for (ConnectionAttempt a : s.connectionAttempts()) {
                attempts.add(new SimulationReport.Attempt(String.valueOf(s.peerId()), s.natType(), a.peerId(), a.remoteNat(),
                        a.sameNat(), a.outcome(), a.reason()));
                int mine = p.seat().groupNat();
                long[] tally = mine >= 0 && groupOf.getOrDefault(a.peerId(), -1) == mine ? sameNat
                        : cone(s.natType()) && cone(a.remoteNat()) ? crossNatCone : null;
                if (tally != null) {
                    tally[0]++;
                    tally[1] += a.outcome().linked() ? 1 : 0;
                    tally[2] += a.outcome() == ConnectionAttempt.Outcome.LAN ? 1 : 0;
                }
            }
        }

        SimulationReport.Tally sameNat() {
            return new SimulationReport.Tally(sameNat[0], sameNat[1], sameNat[2]);
        }

        SimulationReport.Tally crossNatCone() {
            return new SimulationReport.Tally(crossNatCone[0], crossNatCone[1], crossNatCone[2]);
        }

        private static boolean cone(NatType t) {
            return t == NatType.FULL_CONE || t == NatType.RESTRICTED_CONE || t == NatType.PORT_RESTRICTED_CONE;
        }
    }
}
