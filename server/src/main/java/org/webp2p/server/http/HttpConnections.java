package org.webp2p.server.http;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.webp2p.server.config.Config;
import org.webp2p.server.config.ConfigKey;
import org.webp2p.server.config.HttpSettings;

/**
 * How every HTTP service, the origin included, reads a connection: Netty's codec (request line up
 * to 4 KB, headers up to 8 KB, longer ones answered 400), the {@link RequestDeadlines} against slow
 * clients ({@code http.header-timeout}, {@code http.body-timeout}, {@code http.min-body-rate}), and
 * {@link HttpServerKeepAliveHandler}, which alone decides whether a connection stays open after an
 * answer: it sits right after the codec, so it sees every request and every answer, refusals
 * included. One per service start; it counts the connections its deadlines cut.
 */
public final class HttpConnections {
    /** How long a closing connection still takes a client's unread bytes: nginx's lingering_time is 30 s, its timeout 5 s. */
    private static final long LINGER_MILLIS = 2_000;

    private final long headerNanos;
    private final long bodyNanos;
    private final long minRate;
    private final LongAdder headerTimeouts = new LongAdder();
    private final LongAdder bodyTimeouts = new LongAdder();

    private HttpConnections(Duration header, Duration body, long minRate) {
        this.headerNanos = header.toNanos();
        this.bodyNanos = body.toNanos();
        this.minRate = minRate;
    }

    /** @throws IllegalArgumentException when a timeout or the rate is 0 */
    public static HttpConnections of(Config config) {
        Duration header = positive(config, HttpSettings.HEADER_TIMEOUT);
        Duration body = positive(config, HttpSettings.BODY_TIMEOUT);
        long minRate = config.get(HttpSettings.MIN_BODY_RATE);
        if (minRate < 1) {
            throw new IllegalArgumentException(HttpSettings.MIN_BODY_RATE + " must be at least 1 byte");
        }
        return new HttpConnections(header, body, minRate);
    }

    private static Duration positive(Config config, ConfigKey<Duration> key) {
        Duration d = config.get(key);
        if (d.isZero()) {
            throw new IllegalArgumentException(key + " must be more than 0");
        }
        return d;
    }

    /**
     * Adds the lingering close, the codec, the deadlines and the keep-alive handler, in that order, at
     * the end of {@code p}.
     */
    public void install(ChannelPipeline p) {
        p.addLast(new LingeringClose(LINGER_MILLIS));
        p.addLast(new HttpServerCodec());
        p.addLast(new RequestDeadlines(headerNanos, bodyNanos, minRate, headerTimeouts, bodyTimeouts));
        p.addLast(new HttpServerKeepAliveHandler());
    }

    /** {@code timeouts.header} and {@code timeouts.body}: connections cut for a request too slow to arrive. */
    public void addTo(Map<String, Number> metrics) {
        metrics.put("timeouts.header", headerTimeouts.sum());
        metrics.put("timeouts.body", bodyTimeouts.sum());
    }
}
