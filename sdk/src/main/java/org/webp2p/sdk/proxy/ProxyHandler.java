package org.webp2p.sdk.proxy;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import org.webp2p.sdk.WebP2pPlayerSource;

/**
 * Answers a player's requests from a {@link WebP2pPlayerSource}. One request per connection is in
 * progress at a time (reading pauses until it is answered), so pipelined answers keep their order.
 */
final class ProxyHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final WebP2pPlayerSource source;
    private final Duration patience;
    private final Map<ProxyFailure, LongAdder> failures;

    /**
     * @param patience the longest a player waits for any answer before getting a 504
     * @param failures where refused and failed requests are counted
     */
    ProxyHandler(WebP2pPlayerSource source, Duration patience, Map<ProxyFailure, LongAdder> failures) {
        this.source = source;
        this.patience = patience;
        this.failures = failures;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (req.decoderResult().isFailure()) {
            send(ctx, req, error(ProxyFailure.MALFORMED, "malformed request"));
            return;
        }
        if (!HttpMethod.GET.equals(req.method())) {
            FullHttpResponse r = error(ProxyFailure.METHOD_NOT_ALLOWED, "only GET is served");
            r.headers().set(HttpHeaderNames.ALLOW, HttpMethod.GET.name());
            send(ctx, req, r);
            return;
        }
        String path = new QueryStringDecoder(req.uri()).path();
        OptionalLong sequence = ProxyPaths.sequenceOf(path);
        CompletableFuture<byte[]> body;
        if (path.equals(ProxyPaths.PLAYLIST)) {
            body = source.playlist().thenApply(p -> PlaylistRewriter.rewrite(p).getBytes(StandardCharsets.UTF_8));
        } else if (sequence.isPresent()) {
            body = source.segmentForPlayer(sequence.getAsLong());
        } else if (ProxyPaths.isInit(path)) {
            body = source.initSegment();
        } else {
            send(ctx, req, error(ProxyFailure.UNKNOWN_PATH, "no such path; the playlist is " + ProxyPaths.PLAYLIST));
            return;
        }
        ctx.channel().config().setAutoRead(false);
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        body.orTimeout(patience.toMillis(), TimeUnit.MILLISECONDS).whenCompleteAsync((bytes, failure) -> {
            FullHttpResponse r = failure == null ? ok(bytes, ProxyPaths.contentType(path)) : failed(failure);
            HttpUtil.setKeepAlive(r, keepAlive);
            ctx.writeAndFlush(r).addListener(f -> {
                if (keepAlive && f.isSuccess()) {
                    ctx.channel().config().setAutoRead(true);
                } else {
                    ctx.close();
                }
            });
        }, ctx.executor());
    }

    private static FullHttpResponse ok(byte[] bytes, String contentType) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.OK, Unpooled.wrappedBuffer(bytes));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        // A live playlist changes every target duration; a segment never changes, but the player need not cache it.
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        return r;
    }

    private FullHttpResponse failed(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof NoSuchElementException) {
            return error(ProxyFailure.NOT_LISTED, cause.getMessage());
        }
        if (cause instanceof TimeoutException) {
            return error(ProxyFailure.TIMED_OUT, "neither peers nor the origin delivered in time");
        }
        return error(ProxyFailure.ORIGIN_FAILED, "the origin could not be reached: " + cause.getMessage());
    }

    private FullHttpResponse error(ProxyFailure failure, String reason) {
        failures.get(failure).increment();
        HttpResponseStatus status = failure.status;
        byte[] text = (status.code() + " " + reason + "\n").getBytes(StandardCharsets.UTF_8);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(text));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN + "; charset=utf-8");
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, text.length);
        return r;
    }

    private static void send(ChannelHandlerContext ctx, FullHttpRequest req, FullHttpResponse r) {
        boolean keepAlive = HttpUtil.isKeepAlive(req) && r.status().code() < 500;
        HttpUtil.setKeepAlive(r, keepAlive);
        var written = ctx.writeAndFlush(r);
        if (!keepAlive) {
            written.addListener(f -> ctx.close());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A player hanging up mid-segment is normal; the connection is simply done.
        ctx.close();
    }
}
