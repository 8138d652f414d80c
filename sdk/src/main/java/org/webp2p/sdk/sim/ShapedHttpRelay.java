package org.webp2p.sdk.sim;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.webp2p.nat.emulator.LinkConditions;
import org.webp2p.nat.emulator.LinkShaper;
import org.webp2p.nat.emulator.ShapedLink;

/**
 * Simulated peers' HTTP path to the node, through their access links: an in-process TCP relay with
 * one listening socket per destination (API, origin, tracker...), opened when a peer first goes
 * there. Each connection is shaped by the {@link ShapedLink} of the peer it comes from, told apart by
 * its source address, and reaches the destination from that same address, so the node still sees
 * the peer. The link is the one the peer's datagrams cross in its emulated NAT: HTTP and P2P share
 * its rate, as on a real line.
 *
 * <p>Bytes move as the link's rate and delay let them. A connection stops reading its sender while
 * the link's queue is over full, as TCP backs off, so a download shares the queue with the peer's
 * datagrams instead of owning it; and while it holds more than the link has on the wire plus a
 * little, so a slow peer slows its server down through TCP instead of filling memory.
 */
public final class ShapedHttpRelay implements AutoCloseable {
    /**
     * Reads in small pieces, one at a time, so a piece's wait at the rate stays short, the pacing
     * smooth and a pause overshoots the queue by one piece at most (33 ms at 1 Mbit/s).
     */
    private static final int READ_BYTES = 4 * 1024;
    /** Bytes a connection holds beyond what its link has on the wire, before it stops reading. */
    private static final long SLACK_BYTES = 64 * 1024;
    /** What an uncapped direction may hold: delay alone must not limit its throughput. */
    private static final long UNCAPPED_BYTES = 4 << 20;
    private static final ShapedLink UNSHAPED = ShapedLink.of(LinkConditions.NONE, 0);

    private final EventLoopGroup group;
    private final Map<InetSocketAddress, Channel> relays = new ConcurrentHashMap<>();
    private final Map<InetAddress, ShapedLink> links = new ConcurrentHashMap<>();
    private final Map<InetAddress, Set<Channel>> connections = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** @param group the event loops that carry the relayed connections */
    public ShapedHttpRelay(EventLoopGroup group) {
        this.group = group;
    }

    /** Connections from {@code peer} cross {@code link} from now on. */
    public void attach(InetAddress peer, ShapedLink link) {
        links.put(peer, link);
    }

    /**
     * {@code peer} moves to another link, as a phone does from Wi-Fi to a mobile network: the
     * connections it has are cut, and the ones it opens next cross {@code link}.
     */
    public void handOver(InetAddress peer, ShapedLink link) {
        links.put(peer, link);
        Set<Channel> open = connections.get(peer);
        if (open != null) {
            List.copyOf(open).forEach(Channel::close);
        }
    }

    /** {@code peer} has left; connections from its address are no longer shaped. */
    public void detach(InetAddress peer) {
        links.remove(peer);
    }

    /**
     * Where a peer connects to reach {@code destination} through its link; for
     * {@link org.webp2p.sdk.WebP2pPlayerSource.Builder#httpRoute}. May be called on any thread, an
     * event loop included: the socket is bound at once and accepts once registered.
     */
    public InetSocketAddress route(InetSocketAddress destination) {
        if (closed) {
            throw new IllegalStateException("relay closed");
        }
        return (InetSocketAddress) relays.computeIfAbsent(destination, this::listen).localAddress();
    }

    private Channel listen(InetSocketAddress destination) {
        try {
            // Bound without waiting on an event loop, which the caller may be running on; connections
            // wait in the backlog until the channel is registered.
            ServerSocketChannel socket = ServerSocketChannel.open();
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
            ChannelFactory<NioServerSocketChannel> bound = () -> new NioServerSocketChannel(socket);
            ServerBootstrap b = new ServerBootstrap().group(group).channelFactory(bound)
                    .childOption(ChannelOption.AUTO_READ, false)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.RCVBUF_ALLOCATOR, pieces())
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel peerSide) {
                            relay(peerSide, destination);
                        }
                    });
            return b.register().channel();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a relay to " + destination, e);
        }
    }

    /** Connects the node side for a new peer connection, from the peer's address, then starts both pipes. */
    private void relay(SocketChannel peerSide, InetSocketAddress destination) {
        InetAddress peer = peerSide.remoteAddress().getAddress();
        ShapedLink link = links.getOrDefault(peer, UNSHAPED);
        Set<Channel> open = connections.computeIfAbsent(peer, p -> ConcurrentHashMap.newKeySet());
        open.add(peerSide);
        peerSide.closeFuture().addListener(f -> open.remove(peerSide));
        Pipe down = new Pipe(link.down(), bound(link.conditions().downBitsPerSecond(), link), peerSide);
        Bootstrap b = new Bootstrap().group(peerSide.eventLoop()).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.RCVBUF_ALLOCATOR, pieces())
                .handler(down);
        // A TCP handshake costs the peer a round trip before its request can leave.
        long handshakeNanos = 2 * link.conditions().delay().toNanos();
        peerSide.eventLoop().schedule(() -> b.connect(destination, new InetSocketAddress(peer, 0))
                .addListener((ChannelFutureListener) f -> {
                    if (!f.isSuccess()) {
                        peerSide.close();
                        return;
                    }
                    if (!peerSide.isActive()) {
                        f.channel().close();
                        return;
                    }
                    peerSide.pipeline().addLast(new Pipe(link.up(), bound(link.conditions().upBitsPerSecond(), link),
                            f.channel()));
                    peerSide.config().setAutoRead(true);
                }), handshakeNanos, TimeUnit.NANOSECONDS);
    }

    private static FixedRecvByteBufAllocator pieces() {
        FixedRecvByteBufAllocator allocator = new FixedRecvByteBufAllocator(READ_BYTES);
        allocator.maxMessagesPerRead(1);
        return allocator;
    }

    /** The bytes a direction may hold: what its rate puts on the wire over the delay, and some slack. */
    private static long bound(long bitsPerSecond, ShapedLink link) {
        if (bitsPerSecond == 0) {
            return UNCAPPED_BYTES;
        }
        return SLACK_BYTES + bitsPerSecond / 8 * link.conditions().delay().toMillis() / 1000;
    }

    @Override
    public void close() {
        closed = true;
        relays.values().forEach(Channel::close);
        relays.clear();
    }

    /**
     * One direction of a relayed connection: what its channel reads is written to {@code to} when the
     * link lets it through, in order. Runs on the connection's event loop, which both sides share.
     */
    private static final class Pipe extends ChannelInboundHandlerAdapter {
        private final LinkShaper shaper;
        private final long maxHeldBytes;
        private final Channel to;
        /** Read and not yet written, each piece with the time it leaves the link; times never decrease. */
        private final Deque<Held> onTheLink = new ArrayDeque<>();
        private long heldBytes;
        private boolean drainSet;
        private boolean resumeSet;
        private boolean senderClosed;

        private record Held(long atNanos, ByteBuf bytes) {
        }

        Pipe(LinkShaper shaper, long maxHeldBytes, Channel to) {
            this.shaper = shaper;
            this.maxHeldBytes = maxHeldBytes;
            this.to = to;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf bytes = (ByteBuf) msg;
            heldBytes += bytes.readableBytes();
            long now = System.nanoTime();
            onTheLink.add(new Held(shaper.admitStream(bytes.readableBytes(), now), bytes));
            if (heldBytes >= maxHeldBytes || shaper.overFull(now)) {
                ctx.channel().config().setAutoRead(false);
                resumeIn(ctx, shaper.nanosUntilHalfEmpty(now));
            }
            drainLater(ctx);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            // The other side closes once the bytes still on the link have arrived.
            senderClosed = true;
            drainLater(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
            to.close();
        }

        private void drainLater(ChannelHandlerContext ctx) {
            if (drainSet) {
                return;
            }
            long wait = onTheLink.isEmpty() ? 0 : onTheLink.peek().atNanos() - System.nanoTime();
            drainSet = true;
            ctx.executor().schedule(() -> drain(ctx), Math.max(0, wait), TimeUnit.NANOSECONDS);
        }

        private void drain(ChannelHandlerContext ctx) {
            drainSet = false;
            long now = System.nanoTime();
            boolean wrote = false;
            while (!onTheLink.isEmpty() && onTheLink.peek().atNanos() - now <= 0) {
                ByteBuf bytes = onTheLink.poll().bytes();
                int size = bytes.readableBytes();
                wrote = true;
                to.write(bytes).addListener(f -> written(ctx, size));
            }
            if (wrote) {
                to.flush();
            }
            if (!onTheLink.isEmpty()) {
                drainLater(ctx);
            } else if (senderClosed) {
                to.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            }
        }

        private void written(ChannelHandlerContext ctx, int size) {
            heldBytes -= size;
            resume(ctx);
        }

        /** Reads again once the link's queue has drained and little is held; checks again if not yet. */
        private void resume(ChannelHandlerContext ctx) {
            if (senderClosed || ctx.channel().config().isAutoRead()) {
                return;
            }
            long pause = shaper.nanosUntilHalfEmpty(System.nanoTime());
            if (pause > 0) {
                resumeIn(ctx, pause);
            } else if (heldBytes < maxHeldBytes / 2) {
                ctx.channel().config().setAutoRead(true);
            }
        }

        private void resumeIn(ChannelHandlerContext ctx, long pauseNanos) {
            if (pauseNanos <= 0 || resumeSet) {
                return;
            }
            resumeSet = true;
            ctx.executor().schedule(() -> {
                resumeSet = false;
                resume(ctx);
            }, pauseNanos, TimeUnit.NANOSECONDS);
        }
    }
}
