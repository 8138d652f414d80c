package org.webp2p.server.net;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Closes a connection that neither sends a byte nor takes any of its output for the timeout, and
 * counts it. Output still leaving counts as activity, so a long answer to a slow but steady reader
 * goes on while one the client stopped reading does not. (Netty's {@code IdleStateHandler} with
 * {@code observeOutput} still fires its first event in the middle of such an answer.) One per
 * connection, confined to its event loop.
 */
public final class IdleTimeout extends ChannelDuplexHandler {
    private final LongAdder closed;
    private long timeoutNanos;
    private long lastActivity;
    private int lastMessage;
    private long lastProgress;
    private long lastPending;
    private ScheduledFuture<?> check;

    IdleTimeout(Duration timeout, LongAdder closed) {
        this.timeoutNanos = timeout.toNanos();
        this.closed = closed;
    }

    /**
     * Gives the connection of {@code pipeline} a new timeout from now on, for a protocol it switched
     * to that is quiet for longer (a WebSocket between announces). Call on the connection's loop.
     */
    public static void set(ChannelPipeline pipeline, Duration timeout) {
        IdleTimeout t = pipeline.get(IdleTimeout.class);
        if (t != null) {
            t.timeoutNanos = timeout.toNanos();
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive() && ctx.channel().isRegistered()) {
            start(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        start(ctx);
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastActivity = now(ctx);
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ChannelPromise written = promise.unvoid();
        written.addListener(f -> lastActivity = now(ctx));
        ctx.write(msg, written);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        stop();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }

    private void start(ChannelHandlerContext ctx) {
        if (check == null) {
            lastActivity = now(ctx);
            check = ctx.executor().schedule(() -> check(ctx), timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void check(ChannelHandlerContext ctx) {
        if (!ctx.channel().isOpen()) {
            return;
        }
        long now = now(ctx);
        if (outputMoved(ctx)) {
            lastActivity = now;
        }
        long left = lastActivity + timeoutNanos - now;
        if (left > 0) {
            check = ctx.executor().schedule(() -> check(ctx), left, TimeUnit.NANOSECONDS);
        } else {
            closed.increment();
            ctx.close();
        }
    }

    /** Whether any output left since the last look; the message is remembered by identity only, not held. */
    private boolean outputMoved(ChannelHandlerContext ctx) {
        ChannelOutboundBuffer out = ctx.channel().unsafe().outboundBuffer();
        if (out == null) {
            return false;
        }
        int message = System.identityHashCode(out.current());
        long progress = out.currentProgress();
        long pending = out.totalPendingWriteBytes();
        boolean moved = message != lastMessage || progress != lastProgress || pending != lastPending;
        lastMessage = message;
        lastProgress = progress;
        lastPending = pending;
        return moved;
    }

    private void stop() {
        if (check != null) {
            check.cancel(false);
        }
    }

    private static long now(ChannelHandlerContext ctx) {
        return ctx.executor().ticker().nanoTime();
    }
}
