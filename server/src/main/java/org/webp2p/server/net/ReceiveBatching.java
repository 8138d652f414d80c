package org.webp2p.server.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.unix.IntegerUnixChannelOption;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Reads a steady sender's bytes in batches ({@link ReceiveLowWatermark}) once {@link #start} is
 * called: for a connection that has begun to stream, such as a publisher past its handshake and
 * commands, where a batch's few tens of milliseconds do not matter and its wake-ups do. Takes effect
 * on Netty's epoll transport, whose sockets take raw options; on NIO it does nothing. Put it before
 * the handlers that parse the bytes; one per connection, confined to its event loop.
 */
public final class ReceiveBatching extends ChannelInboundHandlerAdapter {
    // Linux's SOL_SOCKET and SO_RCVLOWAT: the epoll transport exists only on Linux.
    private static final ChannelOption<Integer> SO_RCVLOWAT = new IntegerUnixChannelOption("SO_RCVLOWAT", 1, 18);
    static final long DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    static final long CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final ReceiveLowWatermark watermark = new ReceiveLowWatermark(DELAY_NANOS, CHECK_NANOS);
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> check;
    private boolean batching;

    /**
     * Begins batching the reads of the connection of {@code pipeline}, if it has this handler and
     * its transport can; call on the connection's loop. Calling again does nothing.
     */
    public static void start(ChannelPipeline pipeline) {
        ReceiveBatching b = pipeline.get(ReceiveBatching.class);
        if (b != null && b.ctx != null && !b.batching && b.ctx.channel().isActive()) {
            b.begin();
        }
    }

    /** Whether reads are being batched: started, on a transport that can. */
    public boolean batching() {
        return batching;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (batching && msg instanceof ByteBuf bytes) {
            apply(watermark.read(now(), bytes.readableBytes()));
        }
        ctx.fireChannelRead(msg);
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

    private void begin() {
        if (!set(1)) {
            return; // NIO, or a socket that refuses the option: read as it comes
        }
        batching = true;
        check = ctx.executor().scheduleAtFixedRate(() -> apply(watermark.check(now())), CHECK_NANOS, CHECK_NANOS,
                TimeUnit.NANOSECONDS);
    }

    private void apply(int lowWatermark) {
        if (lowWatermark > 0 && !set(lowWatermark)) {
            stop();
        }
    }

    private boolean set(int lowWatermark) {
        try {
            return ctx.channel().config().setOption(SO_RCVLOWAT, lowWatermark);
        } catch (ChannelException e) {
            return false; // the socket closed under us; its close stops the rest
        }
    }

    private void stop() {
        batching = false;
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }

    private long now() {
        return ctx.executor().ticker().nanoTime();
    }
}
