package org.webp2p.rtmfp.net;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webp2p.nat.transport.Datagram;
import org.webp2p.nat.transport.DatagramTunnel;
import org.webp2p.rtmfp.RtmfpParams;
import org.webp2p.rtmfp.session.CoreThread;
import org.webp2p.rtmfp.session.RtmfpCore;

/**
 * The thin Netty adapter around an {@link RtmfpCore}: datagrams in, datagrams out, and a timer
 * tick, all on the channel's event loop. Use it directly to put RTMFP on an existing event loop
 * (the server does); applications use {@link RtmfpEndpoint}.
 */
public final class RtmfpDatagramHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    private static final Logger LOG = LoggerFactory.getLogger(RtmfpDatagramHandler.class);
    private final CoreFactory factory;
    private final DatagramTunnel tunnel;
    private final long tickMillis;
    private volatile RtmfpCore core;
    private ScheduledFuture<?> ticker;

    public RtmfpDatagramHandler(CoreFactory factory) {
        this(factory, DatagramTunnel.DIRECT, RtmfpParams.defaults().timerTickMillis());
    }

    /**
     * A handler whose datagrams take {@code tunnel} (e.g. through an emulated NAT) and whose core's
     * timers run every {@code tickMillis}.
     */
    public RtmfpDatagramHandler(CoreFactory factory, DatagramTunnel tunnel, long tickMillis) {
        this.factory = factory;
        this.tunnel = tunnel;
        this.tickMillis = tickMillis;
    }

    /** The core, available once the channel is registered. */
    public RtmfpCore core() {
        return core;
    }

    @Override
    public void channelRegistered(ChannelHandlerContext ctx) throws Exception {
        EventLoop loop = ctx.channel().eventLoop();
        // Datagrams are written as the core produces them and flushed once per unit of core work,
        // so a burst of packets costs one pass down the pipeline instead of one per packet.
        core = factory.create(
                (to, bytes) -> {
                    Datagram wire = tunnel.outbound(new Datagram(to, bytes));
                    ctx.channel().write(new DatagramPacket(Unpooled.wrappedBuffer(wire.payload()), wire.peer()));
                    tickWhileBusy(ctx);
                },
                new CoreThread() {
                    @Override
                    public void execute(Runnable task) {
                        if (loop.inEventLoop()) {
                            task.run();
                            ctx.channel().flush();
                        } else {
                            loop.execute(() -> {
                                task.run();
                                ctx.channel().flush();
                            });
                        }
                    }

                    @Override
                    public boolean isCurrent() {
                        return loop.inEventLoop();
                    }
                },
                () -> System.nanoTime() / 1_000_000);
        super.channelRegistered(ctx);
    }

    /**
     * Starts the core's timers if they are not running. They run while the core has anything to
     * time and stop once it has nothing: an idle rendezvous ticking every few milliseconds cost an
     * idle node more CPU than everything else it runs. Only a datagram in or out gives the core
     * something to time again, and both come through here. On the event loop only.
     */
    private void tickWhileBusy(ChannelHandlerContext ctx) {
        if (ticker != null || !ctx.channel().isRegistered()) {
            return;
        }
        ticker = ctx.channel().eventLoop().scheduleAtFixedRate(() -> {
            core.onTick();
            ctx.channel().flush();
            if (core.idle()) {
                ticker.cancel(false);
                ticker = null;
            }
        }, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
    }

    /** Whether the core's timers are running; on the event loop only. */
    boolean ticking() {
        return ticker != null;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        tunnel.inbound(new Datagram(packet.sender(), ByteBufUtil.getBytes(packet.content())))
                .ifPresent(d -> {
                    core.onDatagram(d.peer(), d.payload());
                    tickWhileBusy(ctx);
                });
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        tunnel.opened((InetSocketAddress) ctx.channel().localAddress());
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        tunnel.closed((InetSocketAddress) ctx.channel().localAddress());
        super.channelInactive(ctx);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.channel().flush();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelUnregistered(ChannelHandlerContext ctx) throws Exception {
        if (ticker != null) {
            ticker.cancel(false);
            ticker = null;
        }
        core.shutdown();
        super.channelUnregistered(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // UDP reports things like ICMP port-unreachable here; the protocol copes with the loss.
        LOG.debug("RTMFP socket error ignored: {}", cause.toString());
    }
}
