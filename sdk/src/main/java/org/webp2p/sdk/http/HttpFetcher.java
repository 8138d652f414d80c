package org.webp2p.sdk.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A small HTTP/1.1 client on Netty with keep-alive connections per host, for playlists, segments
 * and the control plane. Every request has a deadline; a failure completes its future, never
 * throws. Each result says what it took on the wire, headers included. Netty types stay inside.
 */
public final class HttpFetcher implements AutoCloseable {
    private static final int MAX_RESPONSE = 64 << 20;
    private static final int IDLE_PER_HOST = 4;

    private final EventLoopGroup group;
    private final InetSocketAddress localAddress;
    private final UnaryOperator<InetSocketAddress> route;
    private final Map<String, Deque<Channel>> idle = new ConcurrentHashMap<>();
    private final Set<CompletableFuture<HttpResult>> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * @param localAddress the address to send from (the simulator gives each peer its own), or null
     */
    public HttpFetcher(EventLoopGroup group, InetSocketAddress localAddress) {
        this(group, localAddress, null);
    }

    /**
     * @param localAddress the address to send from (the simulator gives each peer its own), or null
     * @param route where to connect for a URL's host and port instead of there (the simulator's
     *     shaped relay), or null to connect directly; requests still name the URL's host
     */
    public HttpFetcher(EventLoopGroup group, InetSocketAddress localAddress, UnaryOperator<InetSocketAddress> route) {
        this.group = group;
        this.localAddress = localAddress;
        this.route = route;
    }

    /** GET of the whole resource; fails on a network error or timeout, completes with any status. */
    public CompletableFuture<HttpResult> get(URI uri, Duration timeout) {
        return send(HttpMethod.GET, uri, null, null, null, timeout, new CompletableFuture<>(), null);
    }

    /**
     * GET unless the resource still has the entity tag {@code etag} (RFC 9110 §13.1.2), when it
     * completes with a 304 and no body; {@code etag} null asks unconditionally.
     */
    public CompletableFuture<HttpResult> getIfChanged(URI uri, @Nullable String etag, Duration timeout) {
        return send(HttpMethod.GET, uri, null, null, etag, timeout, new CompletableFuture<>(), null);
    }

    /**
     * GET of {@code fromByte} to the end (from 0, the whole resource; further on, to continue a segment
     * another source started), watched as it arrives and abandoned at will.
     */
    public HttpDownload download(URI uri, long fromByte, Duration timeout) {
        return download(uri, fromByte > 0 ? "bytes=" + fromByte + "-" : null, timeout);
    }

    /**
     * GET of bytes {@code from} to {@code end} (exclusive), a part of a segment peers did not deliver,
     * watched as it arrives and abandoned at will; an origin that ignores ranges answers 200 with the
     * whole.
     */
    public HttpDownload download(URI uri, long from, long end, Duration timeout) {
        return download(uri, "bytes=" + from + "-" + (end - 1), timeout);
    }

    private HttpDownload download(URI uri, String range, Duration timeout) {
        CompletableFuture<HttpResult> result = new CompletableFuture<>();
        HttpDownload download = new HttpDownload(result);
        send(HttpMethod.GET, uri, null, range, null, timeout, result, download);
        return download;
    }

    /** POST of a JSON body; fails on a network error or timeout, completes with any status. */
    public CompletableFuture<HttpResult> postJson(URI uri, byte[] json, Duration timeout) {
        return send(HttpMethod.POST, uri, json, null, null, timeout, new CompletableFuture<>(), null);
    }

    /**
     * @param ifNoneMatch an entity tag the answer is conditional on, or null
     * @param download    watches the response as it arrives, or null
     */
    private CompletableFuture<HttpResult> send(HttpMethod method, URI uri, byte[] body, String range, String ifNoneMatch,
                                               Duration timeout, CompletableFuture<HttpResult> result,
                                               HttpDownload download) {
        inFlight.add(result);
        result.whenComplete((r, failure) -> inFlight.remove(result));
        if (closed) {
            result.completeExceptionally(new IOException("fetcher closed"));
            return result;
        }
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
            result.completeExceptionally(new IOException("not an http URL: " + uri));
            return result;
        }
        String host = uri.getHost();
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        String key = host + ":" + port;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, path,
                body == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        req.headers().set(HttpHeaderNames.HOST, uri.getPort() < 0 ? host : key);
        req.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        if (body != null) {
            req.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
            req.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        }
        if (range != null) {
            req.headers().set(HttpHeaderNames.RANGE, range);
        }
        if (ifNoneMatch != null) {
            req.headers().set(HttpHeaderNames.IF_NONE_MATCH, ifNoneMatch);
        }
        Channel reuse = takeIdle(key);
        if (reuse != null) {
            dispatch(reuse, key, req, result, timeout, download);
        } else {
            Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new WireCounter(), new HttpClientCodec(),
                                    new HttpObjectAggregator(MAX_RESPONSE));
                        }
                    });
            ChannelFuture connect;
            try {
                connect = localAddress == null && route == null ? b.connect(host, port)
                        : b.connect(routed(host, port), localAddress == null ? null
                                : new InetSocketAddress(localAddress.getAddress(), 0));
            } catch (RuntimeException e) {
                // A route that cannot be taken (a relay gone) fails this request, like a refused connection.
                req.release();
                result.completeExceptionally(e);
                return result;
            }
            connect.addListener(f -> {
                if (f.isSuccess()) {
                    dispatch(connect.channel(), key, req, result, timeout, download);
                } else {
                    req.release();
                    result.completeExceptionally(f.cause());
                }
            });
        }
        return result;
    }

    private InetSocketAddress routed(String host, int port) {
        InetSocketAddress direct = new InetSocketAddress(host, port);
        return route == null ? direct : route.apply(direct);
    }

    private void dispatch(Channel ch, String key, FullHttpRequest req, CompletableFuture<HttpResult> result,
                          Duration timeout, HttpDownload download) {
        if (download != null) {
            download.watch(ch);
            if (result.isDone()) {
                req.release();
                return; // abandoned before it was sent
            }
        }
        WireCounter wire = ch.pipeline().get(WireCounter.class);
        long before = wire.received();
        var deadline = ch.eventLoop().schedule(() -> {
            if (result.completeExceptionally(new TimeoutException("no answer within " + timeout.toMillis() + " ms"))) {
                ch.close();
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        ch.pipeline().addLast("response", new SimpleChannelInboundHandler<FullHttpResponse>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse r) {
                deadline.cancel(false);
                ctx.pipeline().remove(this);
                HttpDownload.unwatch(ctx.channel());
                HttpResult out = new HttpResult(r.status().code(), r.headers().get(HttpHeaderNames.CONTENT_TYPE),
                        r.headers().get(HttpHeaderNames.ETAG), ByteBufUtil.getBytes(r.content()),
                        wire.received() - before);
                if (HttpUtil.isKeepAlive(r) && !closed) {
                    giveBack(key, ctx.channel());
                } else {
                    ctx.close();
                }
                result.complete(out);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                deadline.cancel(false);
                result.completeExceptionally(new IOException("connection closed before the response"));
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                deadline.cancel(false);
                result.completeExceptionally(cause);
                ctx.close();
            }
        });
        ch.writeAndFlush(req).addListener(f -> {
            if (!f.isSuccess()) {
                deadline.cancel(false);
                result.completeExceptionally(f.cause());
                ch.close();
            }
        });
    }

    private Channel takeIdle(String key) {
        Deque<Channel> q = idle.get(key);
        if (q == null) {
            return null;
        }
        synchronized (q) {
            for (Channel c; (c = q.pollFirst()) != null; ) {
                if (c.isActive()) {
                    return c;
                }
            }
        }
        return null;
    }

    private void giveBack(String key, Channel ch) {
        Deque<Channel> q = idle.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (q) {
            if (q.size() < IDLE_PER_HOST) {
                q.addLast(ch);
                return;
            }
        }
        ch.close();
    }

    /** Completes once every request sent so far has its answer or its failure. */
    public CompletableFuture<Void> settled() {
        return CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).handle((v, failure) -> null);
    }

    @Override
    public void close() {
        closed = true;
        idle.values().forEach(q -> {
            synchronized (q) {
                q.forEach(Channel::close);
                q.clear();
            }
        });
    }

    /** UTF-8 bytes of a JSON text, for {@link #postJson}. */
    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
