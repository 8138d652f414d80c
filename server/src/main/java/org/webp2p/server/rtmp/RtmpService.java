package org.webp2p.server.rtmp;

import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webp2p.server.config.Config;
import org.webp2p.server.config.RtmpSettings;
import org.webp2p.server.config.ServiceName;
import org.webp2p.server.net.ReceiveBatching;
import org.webp2p.server.net.TcpServer;
import org.webp2p.server.origin.LiveIngest;
import org.webp2p.server.origin.OriginService;
import org.webp2p.server.rtmp.session.CloseReason;
import org.webp2p.server.rtmp.session.PublishSession;
import org.webp2p.server.rtmp.session.RtmpMetrics;
import org.webp2p.server.rtmp.wire.Handshake;
import org.webp2p.server.rtmp.wire.RtmpParams;
import org.webp2p.server.service.Service;
import org.webp2p.server.service.ServiceContext;

/**
 * RTMP ingest: encoders (OBS, ffmpeg, hardware) publish to {@code rtmp://HOST/live} with the stream
 * key {@code STREAM?key=PUBLISH_KEY} on TCP {@code rtmp.port} (1935), and each publish becomes a live
 * stream of the origin, cut into MPEG-TS segments of {@code rtmp.segment-duration}, in the same live
 * window, digests and playlists as HTTP ingest. Publishes that start, end or are refused go to the
 * event log.
 *
 * <p>Each connection is a pipeline on a shared I/O event loop: an idle timer, the handshake (its own
 * timer), the chunk codec and the session, which alone holds the connection's state. Limits:
 * {@code rtmp.max-connections}, {@code rtmp.max-message-length}, {@code rtmp.handshake-timeout},
 * {@code rtmp.idle-timeout}, and the chunk layer's own (chunk size 1 byte to 16 MiB, 64 chunk
 * streams); a client past one is closed and counted under {@code closed.*} and {@code violations.*}.
 * Stopping ends every stream being published before the port is let go.
 */
public final class RtmpService implements Service {
    /** Service and configuration prefix. */
    public static final String NAME = ServiceName.RTMP.id();

    private static final Logger log = LoggerFactory.getLogger(RtmpService.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final LiveIngest ingest;
    private final Consumer<String> eventLog;
    private final RtmpMetrics metrics = new RtmpMetrics();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile Running running;

    private record Running(TcpServer server, Set<RtmpSessionHandler> sessions) {
    }

    /**
     * @param ingest   the origin's way in ({@link OriginService#liveIngest()})
     * @param eventLog takes lines for the node's event log; called off the event loops
     */
    public RtmpService(LiveIngest ingest, Consumer<String> eventLog) {
        this.ingest = ingest;
        this.eventLog = eventLog;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Publishes go into the origin's streams, so the origin runs first and stops after. */
    @Override
    public List<String> dependencies() {
        return List.of(OriginService.NAME);
    }

    @Override
    public synchronized void start(ServiceContext context) throws Exception {
        Config config = context.config();
        Duration segment = within(config.get(RtmpSettings.SEGMENT_DURATION), Duration.ofSeconds(1), Duration.ofSeconds(30),
                RtmpSettings.SEGMENT_DURATION.name());
        long maxMessage = config.get(RtmpSettings.MAX_MESSAGE_LENGTH);
        if (maxMessage < 64 * 1024 || maxMessage > 16 * 1024 * 1024) {
            throw new IllegalArgumentException(RtmpSettings.MAX_MESSAGE_LENGTH.name() + " must be 64KB to 16MB, not " + maxMessage);
        }
        int maxMessageLength = (int) Math.min(maxMessage, RtmpParams.MAX_MESSAGE_LENGTH);
        Duration handshakeTimeout = positive(config.get(RtmpSettings.HANDSHAKE_TIMEOUT), RtmpSettings.HANDSHAKE_TIMEOUT.name());
        Duration idleTimeout = positive(config.get(RtmpSettings.IDLE_TIMEOUT), RtmpSettings.IDLE_TIMEOUT.name());
        int maxConnections = config.get(RtmpSettings.MAX_CONNECTIONS);
        Clock clock = context.clock();
        long startedAt = clock.millis();
        EventLines lines = new EventLines(line -> {
            log.info("rtmp: {}", line);
            eventLog.accept(line);
        }, GlobalEventExecutor.INSTANCE, clock, metrics);
        Set<RtmpSessionHandler> sessions = ConcurrentHashMap.newKeySet();
        RtmpSessionHandler.SessionFactory sessionFactory = (peer, loop, connection) ->
                new PublishSession(ingest, peer, segment, loop, connection, metrics, lines, clock);
        TcpServer server = TcpServer.bind(context, ServiceName.RTMP, ch -> {
            metrics.accepted();
            ch.closeFuture().addListener(f -> connections.decrementAndGet());
            if (connections.incrementAndGet() > maxConnections) {
                metrics.closed(CloseReason.TOO_MANY_CONNECTIONS);
                ch.close();
                return;
            }
            pipeline(ch, new Handshake(ThreadLocalRandom.current(), () -> clock.millis() - startedAt), handshakeTimeout,
                    idleTimeout, maxMessageLength, new RtmpSessionHandler(sessionFactory, sessions, metrics));
        });
        running = new Running(server, sessions);
    }

    private void pipeline(SocketChannel ch, Handshake handshake, Duration handshakeTimeout, Duration idleTimeout,
                          int maxMessageLength, RtmpSessionHandler session) {
        ch.pipeline()
                .addLast(new ReceiveBatching())
                .addLast(new IdleStateHandler(idleTimeout.toMillis(), 0, 0, TimeUnit.MILLISECONDS))
                .addLast(new HandshakeHandler(handshake, handshakeTimeout, metrics))
                .addLast(new ChunkCodecHandler(maxMessageLength, metrics))
                .addLast(session);
    }

    /** Ends every stream being published, waiting a while for the origin to list their last segments, then closes. */
    @Override
    public synchronized void stop() {
        Running r = running;
        running = null;
        if (r == null) {
            return;
        }
        CompletableFuture<?>[] ends = r.sessions().stream().map(RtmpSessionHandler::stop).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(ends).get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            log.warn("rtmp: not every stream had ended {} after stopping began", STOP_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        r.server().close();
    }

    @Override
    public List<InetSocketAddress> boundAddresses() {
        Running r = running;
        return r == null ? List.of() : List.of(r.server().localAddress());
    }

    /**
     * {@code connections} open (with the listener's own {@code connections.refused} and
     * {@code connections.idle-closed}), {@code publishing} streams, then counters: {@code accepted},
     * {@code handshakes.plain|digest}, {@code publishes}, {@code bytes-in}, {@code segments},
     * {@code segment-bytes}, {@code frames-dropped}, {@code messages-ignored}, {@code events-suppressed},
     * {@code closed.<reason>} and {@code violations.<violation>}.
     */
    @Override
    public Map<String, Number> metrics() {
        Map<String, Number> m = new LinkedHashMap<>();
        Running r = running;
        if (r != null) {
            r.server().addTo(m);
        }
        m.putAll(metrics.snapshot());
        return m;
    }

    private static Duration within(Duration value, Duration min, Duration max, String key) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(key + " must be " + min.toSeconds() + "s to " + max.toSeconds() + "s, not " + value);
        }
        return value;
    }

    private static Duration positive(Duration value, String key) {
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(key + " must be more than 0");
        }
        return value;
    }
}
