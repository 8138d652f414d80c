package org.webp2p.sdk.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * A GET under way that its caller can watch and give up: how much of the body has arrived and how
 * much the response said it would be, read while it arrives, so a player can tell a segment that will
 * come too late before it has come (see {@link org.webp2p.sdk.abr.AbandonRule}). The progress is
 * written on the connection's event loop and may be read from any thread.
 */
public final class HttpDownload implements Transfer {
    private static final String PROGRESS = "progress";

    private final CompletableFuture<HttpResult> result;
    private volatile long bodyBytes;
    private volatile long expectedBytes = -1;
    private volatile Channel channel;

    HttpDownload(CompletableFuture<HttpResult> result) {
        this.result = result;
    }

    /** The whole response; fails on a network error, a timeout, or with {@link CancellationException} once abandoned. */
    public CompletableFuture<HttpResult> result() {
        return result;
    }

    /** Bytes of the body received so far. */
    @Override
    public long bodyBytes() {
        return bodyBytes;
    }

    /** The body's length as the response announced it, or -1 before its headers or without a length. */
    @Override
    public long expectedBytes() {
        return expectedBytes;
    }

    /**
     * Gives the download up: its result fails with {@link CancellationException} and its connection is
     * closed, as the rest of the response would otherwise still take the link. Nothing if it has ended.
     */
    @Override
    public void abandon() {
        if (result.completeExceptionally(new CancellationException("download abandoned"))) {
            Channel ch = channel;
            if (ch != null) {
                ch.close();
            }
        }
    }

    /**
     * Counts the body as it arrives on {@code ch}, between the HTTP decoder and the aggregator that
     * would otherwise hide it until the end; a download abandoned before it was sent closes {@code ch}.
     */
    void watch(Channel ch) {
        channel = ch;
        if (result.isDone()) {
            ch.close();
            return;
        }
        ch.pipeline().addBefore(ch.pipeline().context(HttpObjectAggregator.class).name(), PROGRESS, new Progress());
    }

    /** The response is whole: {@code ch} stops counting for this download, before it serves another request. */
    static void unwatch(Channel ch) {
        if (ch.pipeline().get(PROGRESS) != null) {
            ch.pipeline().remove(PROGRESS);
        }
    }

    private final class Progress extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpResponse r) {
                expectedBytes = HttpUtil.getContentLength(r, -1L);
            }
            if (msg instanceof HttpContent c) {
                bodyBytes += c.content().readableBytes();
            }
            ctx.fireChannelRead(msg);
        }
    }
}
