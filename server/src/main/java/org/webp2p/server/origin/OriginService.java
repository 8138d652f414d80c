package org.webp2p.server.origin;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.cors.CorsConfig;
import io.netty.handler.codec.http.cors.CorsHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webp2p.protocol.admin.StreamStats;
import org.webp2p.server.config.ApiSettings;
import org.webp2p.server.config.Config;
import org.webp2p.server.config.OriginSettings;
import org.webp2p.server.config.ServiceName;
import org.webp2p.server.http.CorsPolicy;
import org.webp2p.server.http.HttpConnections;
import org.webp2p.server.net.ServerTls;
import org.webp2p.server.net.TcpServer;
import org.webp2p.server.service.Service;
import org.webp2p.server.service.ServiceContext;

/**
 * The media origin: takes live HLS from encoders that push over HTTP (as ffmpeg's {@code -f hls
 * -method PUT} does, MPEG-TS or fMP4), keeps each stream's live window in memory and on disk, and
 * serves live streams, ended streams, VOD directories and the built-in looping demo streams to players
 * and CDNs.
 *
 * <p>Every upload needs the stream's key ({@code origin.stream.<name>.key}) or the origin's
 * {@link #publishKey() publish key} on the request itself: encoders publish to
 * {@code /ingest/<key>/<stream>/index.m3u8}; see {@link IngestTarget} for the other forms.
 */
public final class OriginService implements Service {
    public static final String NAME = ServiceName.ORIGIN.id();
    private static final Logger log = LoggerFactory.getLogger(OriginService.class);
    /** Where a generated publish key is kept, so it survives restarts. */
    public static final String PUBLISH_KEY_SETTING = "origin.publish-key";

    private record Running(TcpServer server, HttpConnections http, LiveStreams live, Map<String, DemoStream> demos,
                           VodRoots vod, String publishKey, PublishKeys keys, Rejections rejections, Optional<ServerTls> tls) {
    }

    private final Supplier<OptionalInt> apiPort;
    private volatile Running running;
    private final LiveIngest liveIngest = new OriginLiveIngest(() -> Optional.ofNullable(running)
            .map(r -> new OriginLiveIngest.Running(r.live(), r.keys())));

    /** An origin whose player pages send viewers to the API listening on {@code apiPort}, while it runs. */
    public OriginService(Supplier<OptionalInt> apiPort) {
        this.apiPort = apiPort;
    }

    /** An origin on its own: it serves streams, and player pages that say no API runs. */
    public OriginService() {
        this(OptionalInt::empty);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start(ServiceContext context) throws Exception {
        Config config = context.config();
        String publishKey = config.get(OriginSettings.PUBLISH_KEY);
        if (publishKey.isBlank()) {
            publishKey = context.store().settings().getOrCreate(PUBLISH_KEY_SETTING, OriginService::newKey);
        }
        PublishKeys keys = new PublishKeys(publishKey, config.members(OriginSettings.STREAM_KEY));
        StreamProfiles profiles = new StreamProfiles(config.get(OriginSettings.PROFILE),
                config.members(OriginSettings.STREAM_PROFILE), config.get(OriginSettings.LIVE_WINDOW));
        Duration endedAfter = config.get(OriginSettings.ENDED_AFTER);
        VodRoots vod = VodRoots.parse(config.get(OriginSettings.VOD_ROOTS));
        vod.warmDigests();
        Map<String, DemoStream> demos = DemoStream.all(profiles, context.clock());
        Rejections rejections = new Rejections();
        long maxUpload = config.get(OriginSettings.MAX_UPLOAD);
        LiveStreams live = new LiveStreams(context.dataDir().resolve(NAME).resolve("live"), profiles, endedAfter,
                context.clock());
        Optional<ServerTls> tls = Optional.empty();
        try {
            live.start();
            Optional<PlayerPages> player = PlayerPages.load(apiPort, config.get(ApiSettings.PUBLIC_HOST));
            OriginHttpHandler handler = new OriginHttpHandler(live, demos, vod, player, rejections);
            CorsConfig cors = cors(config.get(OriginSettings.CORS_ORIGINS));
            tls = ServerTls.open(context, ServiceName.ORIGIN);
            Optional<ServerTls> secure = tls;
            HttpConnections http = HttpConnections.of(config);
            TcpServer server = TcpServer.bind(context, ServiceName.ORIGIN, ch -> {
                secure.ifPresent(t -> t.install(ch));
                pipeline(ch.pipeline(), http, cors, keys, rejections, maxUpload, handler);
            });
            running = new Running(server, http, live, demos, vod, publishKey, keys, rejections, tls);
        } catch (Exception e) {
            live.close();
            vod.close();
            tls.ifPresent(ServerTls::close);
            throw e;
        }
    }

    /**
     * One connection's handlers: the reading every HTTP service shares ({@link HttpConnections}, whose
     * keep-alive handler sees the CORS handler's and the ingest gate's refusals too), then CORS, the
     * ingest gate and the upload aggregator in front of the origin's own handler.
     */
    static void pipeline(ChannelPipeline p, HttpConnections http, CorsConfig cors, PublishKeys keys,
                         Rejections rejections, long maxUpload, OriginHttpHandler handler) {
        http.install(p);
        p.addLast(new CorsHandler(cors))
                .addLast(new IngestGate(keys, rejections))
                .addLast(new UploadAggregator(maxUpload, rejections))
                .addLast(handler);
    }

    @Override
    public void stop() {
        Running r = running;
        running = null;
        if (r != null) {
            r.server().close();
            r.live().close();
            r.vod().close();
            r.tls().ifPresent(ServerTls::close);
        }
    }

    @Override
    public List<InetSocketAddress> boundAddresses() {
        Running r = running;
        return r == null ? List.of() : List.of(r.server().localAddress());
    }

    /** The key every stream without its own key is published with; empty until first started. */
    public Optional<String> publishKey() {
        Running r = running;
        return r == null ? Optional.empty() : Optional.of(r.publishKey());
    }

    /**
     * The way in for publishers that hand over whole MPEG-TS segments (RTMP): one object for the
     * service's life. While the origin is stopped it authorises nobody and its other calls complete
     * exceptionally with {@link IllegalStateException}; see {@link OriginLiveIngest}.
     */
    public LiveIngest liveIngest() {
        return liveIngest;
    }

    /** A snapshot of every live, ended, demo and VOD stream; empty when stopped. */
    public List<StreamStats> streams() {
        Running r = running;
        if (r == null) {
            return List.of();
        }
        List<StreamStats> all = new ArrayList<>();
        r.demos().values().forEach(d -> all.add(d.stats()));
        all.addAll(r.live().stats());
        all.addAll(r.vod().stats());
        return List.copyOf(all);
    }

    /**
     * Players' requests and bytes by stream (or VOD root), status and cache result, non-zero counts
     * only; empty when stopped.
     */
    public List<OriginTraffic> traffic() {
        Running r = running;
        if (r == null) {
            return List.of();
        }
        List<OriginTraffic> out = new ArrayList<>();
        r.demos().forEach((name, demo) -> demo.traffic().addTo(name, out));
        r.live().addTrafficTo(out);
        r.vod().addTrafficTo(out);
        return out;
    }

    /**
     * Each stream's name and its entry playlist ({@link StreamStats#playlistPath()}) as a player gets
     * it now; streams without one yet are left out, and everything is while the origin is stopped.
     */
    public Map<String, String> entryPlaylists() {
        Running r = running;
        if (r == null) {
            return Map.of();
        }
        Map<String, String> out = new HashMap<>();
        for (StreamStats s : streams()) {
            Optional<Servable> playlist = switch (s.kind()) {
                case VOD -> r.vod().resolve(s.name(), OriginPath.LIVE_PLAYLIST);
                case DEMO -> r.demos().get(s.name()).resolve(OriginPath.LIVE_PLAYLIST);
                case LIVE, ENDED -> r.live().find(s.name()).flatMap(LiveStream::view)
                        .flatMap(v -> v.resolve(OriginPath.LIVE_PLAYLIST));
            };
            try {
                if (playlist.isPresent()) {
                    out.put(s.name(), playlist.get().text());
                }
            } catch (IOException e) {
                log.debug("origin: cannot read the playlist of {}: {}", s.name(), e.toString());
            }
        }
        return out;
    }

    @Override
    public Map<String, Number> metrics() {
        Running r = running;
        if (r == null) {
            return Map.of();
        }
        List<StreamStats> streams = streams();
        Map<String, Number> m = new LinkedHashMap<>();
        m.put("streams", streams.size());
        m.put("streams.live", streams.stream().filter(s -> s.kind() == StreamStats.Kind.LIVE).count());
        r.server().addTo(m);
        r.http().addTo(m);
        m.put("ingest.bitrate", streams.stream().mapToLong(StreamStats::ingestBitrate).sum());
        m.put("segments", streams.stream().mapToLong(StreamStats::segments).sum());
        long requests = streams.stream().mapToLong(StreamStats::requests).sum();
        long notModified = streams.stream().mapToLong(StreamStats::notModified).sum();
        m.put("requests", requests);
        m.put("bytes-out", streams.stream().mapToLong(StreamStats::bytesOut).sum());
        m.put("not-modified", notModified);
        m.put("not-modified.ratio", requests == 0 ? 0.0 : (double) notModified / requests);
        r.rejections().addTo(m);
        r.tls().ifPresent(t -> t.addTo(m));
        return m;
    }

    static CorsConfig cors(String origins) {
        return CorsPolicy.builder(origins, HttpMethod.GET, HttpMethod.HEAD)
                .allowedRequestHeaders(HttpHeaderNames.RANGE, HttpHeaderNames.IF_NONE_MATCH,
                        HttpHeaderNames.IF_MODIFIED_SINCE, HttpHeaderNames.IF_RANGE)
                .exposeHeaders(HttpHeaderNames.CONTENT_LENGTH, HttpHeaderNames.CONTENT_RANGE,
                        HttpHeaderNames.ACCEPT_RANGES, HttpHeaderNames.ETAG)
                .build();
    }

    private static String newKey() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
