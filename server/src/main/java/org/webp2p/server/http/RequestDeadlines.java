package org.webp2p.server.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Deadlines against clients that send a request slowly on purpose. Between answers, a request's line
 * and headers must be complete within the header timeout, so a client sending them a byte at a time
 * (slowloris) is cut off, and so is a kept-alive connection that stays silent. A body must arrive
 * within the body timeout, extended by a second for every {@code minRate} bytes received, so a slow
 * upload that keeps that pace is never cut. While a request is being answered no deadline runs here:
 * the connection's idle timeout ({@code TcpServer}) watches that, and long downloads are fine.
 *
 * <p>Sits right after the codec, where it sees every request part and every answer. A switch to
 * another protocol (101, a WebSocket) ends its watch. One per connection, confined to its loop.
 */
final class RequestDeadlines extends ChannelDuplexHandler {
    private final long headerNanos;
    private final long bodyNanos;
    private final long minRate;
    private final LongAdder headerTimeouts;
    private final LongAdder bodyTimeouts;
    // Requests whose head has arrived and whose answer has not been sent yet.
    private int unanswered;
    private boolean inBody;
    private long bodyDeadline;
    private ScheduledFuture<?> timer;

    RequestDeadlines(long headerNanos, long bodyNanos, long minRate, LongAdder headerTimeouts, LongAdder bodyTimeouts) {
        this.headerNanos = headerNanos;
        this.bodyNanos = bodyNanos;
        this.minRate = minRate;
        this.headerTimeouts = headerTimeouts;
        this.bodyTimeouts = bodyTimeouts;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            awaitHead(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        awaitHead(ctx);
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof HttpRequest) {
            unanswered++;
            cancel();
            if (!(msg instanceof LastHttpContent)) {
                inBody = true;
                bodyDeadline = now(ctx) + bodyNanos;
                timer = ctx.executor().schedule(() -> checkBody(ctx), bodyNanos, TimeUnit.NANOSECONDS);
            }
        } else if (msg instanceof HttpContent content && inBody) {
            // Saturates: a rate of 1 byte/s times gigabytes of body still fits a long.
            long earned = content.content().readableBytes() * (TimeUnit.SECONDS.toNanos(1) / minRate);
            bodyDeadline = earned > Long.MAX_VALUE - bodyDeadline ? Long.MAX_VALUE : bodyDeadline + earned;
            if (msg instanceof LastHttpContent) {
                inBody = false;
                cancel();
                if (unanswered == 0) {
                    awaitHead(ctx);
                }
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof HttpResponse r && r.status().equals(HttpResponseStatus.SWITCHING_PROTOCOLS)) {
            ctx.write(msg, promise);
            ctx.pipeline().remove(this);
            return;
        }
        if (msg instanceof LastHttpContent && !(msg instanceof HttpResponse r
                && r.status().codeClass() == HttpStatusClass.INFORMATIONAL)) {
            promise = promise.unvoid();
            promise.addListener(f -> answered(ctx));
        }
        ctx.write(msg, promise);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.channelInactive(ctx);
    }

    private void answered(ChannelHandlerContext ctx) {
        unanswered = Math.max(0, unanswered - 1);
        if (unanswered == 0 && !inBody && ctx.channel().isActive()) {
            awaitHead(ctx);
        }
    }

    private void awaitHead(ChannelHandlerContext ctx) {
        cancel();
        timer = ctx.executor().schedule(() -> {
            headerTimeouts.increment();
            ctx.close();
        }, headerNanos, TimeUnit.NANOSECONDS);
    }

    private void checkBody(ChannelHandlerContext ctx) {
        long left = bodyDeadline - now(ctx);
        if (left > 0) {
            timer = ctx.executor().schedule(() -> checkBody(ctx), left, TimeUnit.NANOSECONDS);
        } else {
            bodyTimeouts.increment();
            ctx.close();
        }
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private static long now(ChannelHandlerContext ctx) {
        return ctx.executor().ticker().nanoTime();
    }
}
