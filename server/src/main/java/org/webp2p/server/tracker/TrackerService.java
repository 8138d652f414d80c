package org.webp2p.server.tracker;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webp2p.protocol.admin.PeerRecord;
import org.webp2p.protocol.admin.SwarmSummary;
import org.webp2p.protocol.admin.WebPeer;
import org.webp2p.protocol.admin.WebSwarm;
import org.webp2p.protocol.tracker.AnnounceAnswer;
import org.webp2p.protocol.tracker.AnnounceRequest;
import org.webp2p.server.auth.SessionTicket;
import org.webp2p.server.auth.SessionTickets;
import org.webp2p.server.config.Config;
import org.webp2p.server.config.ServiceName;
import org.webp2p.server.config.TrackerSettings;
import org.webp2p.server.http.HttpProblem;
import org.webp2p.server.http.HttpService;
import org.webp2p.server.http.Json;
import org.webp2p.server.http.Router;
import org.webp2p.server.service.ServiceContext;
import org.webp2p.server.tracker.ws.KnownStreams;
import org.webp2p.server.tracker.ws.StreamHash;
import org.webp2p.server.tracker.ws.WsCounters;
import org.webp2p.server.tracker.ws.WsLimits;
import org.webp2p.server.tracker.ws.WsSwarmSummary;
import org.webp2p.server.tracker.ws.WsSwarms;
import org.webp2p.server.tracker.ws.WsTrackerHandler;

/**
 * Peer discovery, two ways. SDK peers {@code POST /v1/announce} to join, refresh or leave a swarm
 * and get a bounded list of peers they can actually reach. Browser peers open a WebSocket on
 * {@code GET /announce} and speak the WebTorrent tracker protocol that p2p-media-loader's client
 * speaks; their info hashes are matched to the origin's streams. The live view of swarms is for the
 * console and admin only, never served on this public port.
 */
public final class TrackerService extends HttpService {
    public static final String NAME = ServiceName.TRACKER.id();
    /** Where WebTorrent clients connect: {@code ws://HOST:PORT/announce}. */
    public static final String WS_PATH = "/announce";
    private static final Logger log = LoggerFactory.getLogger(TrackerService.class);
    /** How often the origin's playlists are read again for new streams and renditions. */
    private static final Duration STREAMS_REFRESH = Duration.ofSeconds(2);

    private final Supplier<Map<String, String>> entryPlaylists;
    private final LongAdder refusedTickets = new LongAdder();
    private volatile SwarmRegistry registry;
    private volatile long capacity;
    private volatile ScheduledFuture<?> sweeper;
    private volatile WebSockets ws;

    /** The WebSocket side while running: its swarms, counters and the schedules that keep them fresh. */
    private record WebSockets(WsSwarms swarms, WsCounters counters, WebSocketServerProtocolConfig protocol,
                              Duration idle, int maxFrame, ScheduledExecutorService streamsReader,
                              ScheduledFuture<?> expiry) {
    }

    private volatile KnownStreams known = KnownStreams.NONE;

    /** @param entryPlaylists the origin's streams and their entry playlists, to name info hashes by */
    public TrackerService(Supplier<Map<String, String>> entryPlaylists) {
        super(ServiceName.TRACKER);
        this.entryPlaylists = entryPlaylists;
    }

    @Override
    protected void routes(Router router, ServiceContext context) throws IOException {
        Config c = context.config();
        SwarmRegistry r = new SwarmRegistry(context.clock(), c.get(TrackerSettings.ANNOUNCE_INTERVAL),
                new SwarmRegistry.Limits(c.get(TrackerSettings.MAX_SWARM_PEERS),
                        c.get(TrackerSettings.MAX_PEERS_PER_ADDRESS), c.get(TrackerSettings.LIST_SIZE),
                        c.get(TrackerSettings.MAX_SWARMS)),
                new PeerSelector(c.get(TrackerSettings.LOOKAHEAD)));
        long period = c.get(TrackerSettings.ANNOUNCE_INTERVAL).toMillis();
        sweeper = context.netty().io().next().scheduleAtFixedRate(r::expireAll, period, period, TimeUnit.MILLISECONDS);
        registry = r;
        capacity = c.get(TrackerSettings.MAX_SWARM_PEERS);
        ws = webSockets(context);
        SessionTickets tickets = SessionTickets.load(c, context.dataDir());
        router.post("/v1/announce", req -> {
            AnnounceRequest announce = Json.read(req.http().content(), AnnounceRequest.class);
            SessionTicket ticket = owner(tickets, announce, context.clock().instant());
            try {
                SwarmRegistry.Answer answer = r.announce(announce, req.remote().getAddress(), ticket.sessionId());
                return Json.response(HttpResponseStatus.OK, new AnnounceAnswer(answer.interval().toSeconds(),
                        answer.peers().stream().map(p -> offer(p, req.remote().getAddress())).toList(),
                        answer.swarmSize()));
            } catch (AnnounceRefusedException e) {
                throw e.reason() == AnnounceRefusedException.Reason.NOT_OWNER
                        ? new HttpProblem(HttpResponseStatus.FORBIDDEN, "not_owner", e.getMessage())
                        : new HttpProblem(HttpResponseStatus.TOO_MANY_REQUESTS, "swarm_limit", e.getMessage());
            }
        });
    }

    /**
     * The session the announce's ticket vouches for, checked against the swarm (the ticket's stream)
     * and the peer ID when the ticket names one. A ticket for another peer or stream is refused as
     * not the owner's, so a stranger learns nothing more than that.
     */
    private SessionTicket owner(SessionTickets tickets, AnnounceRequest announce, Instant now) {
        SessionTickets.Result checked = tickets.verify(announce.ticket(), now, null, announce.peerId(), announce.swarm());
        if (checked instanceof SessionTickets.Valid valid) {
            return valid.ticket();
        }
        SessionTickets.Refused refused = (SessionTickets.Refused) checked;
        refusedTickets.increment();
        throw refused.refusal() == SessionTickets.Refusal.WRONG_SESSION
                ? new HttpProblem(HttpResponseStatus.FORBIDDEN, "not_owner", refused.reason())
                : new HttpProblem(HttpResponseStatus.UNAUTHORIZED, refused.refusal().code(), refused.reason());
    }

    private WebSockets webSockets(ServiceContext context) {
        Config c = context.config();
        Duration interval = c.get(TrackerSettings.WS_INTERVAL);
        WsLimits limits = new WsLimits(interval, c.get(TrackerSettings.WS_MAX_OFFERS),
                c.get(TrackerSettings.MAX_SWARM_PEERS), c.get(TrackerSettings.WS_MAX_SWARMS),
                c.get(TrackerSettings.WS_MAX_SOCKETS_PER_ADDRESS));
        boolean knownOnly = c.get(TrackerSettings.WS_KNOWN_HASHES_ONLY);
        WsCounters counters = new WsCounters();
        WsSwarms swarms = new WsSwarms(limits, context.clock(), () -> ThreadLocalRandom.current().nextLong(),
                hash -> !knownOnly || known.contains(hash), counters);
        int maxFrame = (int) Math.min(Integer.MAX_VALUE, c.get(TrackerSettings.WS_MAX_FRAME));
        WebSocketServerProtocolConfig protocol = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(WS_PATH)
                .checkStartsWith(true)
                .decoderConfig(WebSocketDecoderConfig.newBuilder()
                        .maxFramePayloadLength(maxFrame)
                        // WsTrackerHandler closes with the reason and counts it.
                        .closeOnProtocolViolation(false)
                        .build())
                // WsTrackerHandler checks each whole message instead, ASCII eight bytes at a time.
                .withUTF8Validator(false)
                .build();
        // Reading playlists may touch the disk (VOD roots), so not on an event loop.
        ScheduledExecutorService reader = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "tracker-streams");
            t.setDaemon(true);
            return t;
        });
        reader.scheduleWithFixedDelay(this::readStreams, 0, STREAMS_REFRESH.toMillis(), TimeUnit.MILLISECONDS);
        long sweep = Math.min(interval.toMillis(), Duration.ofSeconds(30).toMillis());
        ScheduledFuture<?> expiry = context.netty().io().next()
                .scheduleAtFixedRate(swarms::expire, sweep, sweep, TimeUnit.MILLISECONDS);
        // A socket silent this long has no peer left anyway: its peers expired after two intervals.
        Duration idle = interval.multipliedBy(2).plus(Duration.ofSeconds(30));
        return new WebSockets(swarms, counters, protocol, idle, maxFrame, reader, expiry);
    }

    private void readStreams() {
        try {
            known = KnownStreams.of(entryPlaylists.get());
        } catch (RuntimeException e) {
            // An exception escaping would end the schedule: the names would stay as they are forever.
            log.warn("tracker: cannot read the origin's streams: {}", e.toString());
        }
    }

    @Override
    protected void beforeRoutes(ChannelPipeline pipeline) {
        WebSockets w = ws;
        pipeline.addLast(new WebSocketServerProtocolHandler(w.protocol()));
        pipeline.addLast(new WebSocketFrameAggregator(w.maxFrame()));
        pipeline.addLast(new WsTrackerHandler(w.swarms(), w.counters(), w.idle(), w.maxFrame()));
    }

    /** A peer as offered to an asker at {@code asker}: behind the same NAT when they come from one address. */
    private static AnnounceAnswer.Peer offer(PeerRecord p, InetAddress asker) {
        return new AnnounceAnswer.Peer(p.peerId(), p.natType(), p.addresses(), p.position(), p.have(), p.uploadKbps(),
                asker != null && asker.equals(p.source()));
    }

    @Override
    protected void release() {
        ScheduledFuture<?> s = sweeper;
        if (s != null) {
            s.cancel(false);
        }
        WebSockets w = ws;
        if (w != null) {
            w.expiry().cancel(false);
            w.streamsReader().shutdownNow();
        }
        // A stopped tracker knows no peers: its swarms are gone, not frozen.
        registry = null;
        ws = null;
        known = KnownStreams.NONE;
    }

    /** The live registry, or empty lists while stopped. */
    public List<SwarmSummary> swarms() {
        SwarmRegistry r = registry;
        return r == null ? List.of() : r.swarms();
    }

    public List<PeerRecord> peers(String swarm) {
        SwarmRegistry r = registry;
        return r == null ? List.of() : r.peers(swarm);
    }

    /**
     * Live peers of a stream, for the scheduler's "is P2P worth it here" decision: those of its own
     * swarm and of each of its renditions' swarms ({@code STREAM/RENDITION}), where SDK clients meet.
     */
    public List<PeerRecord> peersOfStream(String stream) {
        String renditions = stream + "/";
        return swarms().stream().filter(s -> s.swarm().equals(stream) || s.swarm().startsWith(renditions))
                .flatMap(s -> peers(s.swarm()).stream()).toList();
    }

    /**
     * Browser swarms (WebSocket peers), largest first, each with the origin stream and rendition its
     * info hash belongs to when it is one of them; empty while stopped.
     */
    public List<WebSwarm> webSwarms() {
        WebSockets w = ws;
        if (w == null) {
            return List.of();
        }
        KnownStreams names = known;
        List<WebSwarm> out = new ArrayList<>();
        for (WsSwarmSummary s : w.swarms().swarms()) {
            Optional<StreamHash> h = names.find(s.infoHash());
            out.add(new WebSwarm(s.infoHash(), h.map(StreamHash::stream).orElse(null),
                    h.map(StreamHash::type).orElse(null), h.map(StreamHash::identity).orElse(null),
                    h.map(StreamHash::rendition).orElse(null), s.complete(), s.incomplete()));
        }
        return out;
    }

    /**
     * Browser peers (WebSocket), each with the origin stream and rendition its swarm belongs to when
     * known; empty while stopped.
     */
    public List<WebPeer> webPeers() {
        WebSockets w = ws;
        KnownStreams names = known;
        return w == null ? List.of() : w.swarms().peers().stream().map(p -> {
            Optional<StreamHash> h = names.find(p.infoHash());
            return new WebPeer(p.peerId(), p.infoHash(), h.map(StreamHash::stream).orElse(null),
                    h.map(StreamHash::rendition).orElse(null), p.address(), Instant.ofEpochMilli(p.joinedMs()),
                    Instant.ofEpochMilli(p.lastSeenMs()));
        }).toList();
    }

    @Override
    protected Map<String, Number> serviceMetrics() {
        SwarmRegistry r = registry;
        WebSockets w = ws;
        if (r == null || w == null) {
            return Map.of();
        }
        List<SwarmSummary> s = r.swarms();
        Map<String, Number> m = new LinkedHashMap<>();
        m.put("swarms", s.size());
        int peers = s.stream().mapToInt(SwarmSummary::peers).sum();
        m.put("peers", peers);
        // The scheduler compares trackers by these two.
        m.put("load", peers);
        m.put("capacity", capacity);
        m.put("announces", r.announces());
        m.put("refused", r.refused());
        for (AnnounceRefusedException.Reason why : AnnounceRefusedException.Reason.values()) {
            m.put(why.metric(), r.refused(why));
        }
        m.put("refused.ticket", refusedTickets.sum());
        m.put("expired", r.expired());
        List<WsSwarmSummary> web = w.swarms().swarms();
        m.put("ws.sockets", w.swarms().sockets());
        m.put("ws.swarms", web.size());
        m.put("ws.peers", web.stream().mapToInt(WsSwarmSummary::peers).sum());
        w.counters().addTo(m);
        return m;
    }
}
