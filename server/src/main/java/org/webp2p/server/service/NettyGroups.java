package org.webp2p.server.service;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The event loops every service shares: one small group accepting connections and one doing I/O.
 * Sharing keeps the thread count fixed however many services run; closing it is the last step of
 * shutdown. Sockets opened on them take their channel classes from {@link #transport()}.
 */
public final class NettyGroups implements AutoCloseable {
    private final NettyTransport transport;
    private final EventLoopGroup acceptor;
    private final EventLoopGroup io;

    public NettyGroups() {
        this(Math.max(2, Runtime.getRuntime().availableProcessors() * 2));
    }

    public NettyGroups(int ioThreads) {
        this(ioThreads, NettyTransport.best());
    }

    public NettyGroups(int ioThreads, NettyTransport transport) {
        this.transport = transport;
        this.acceptor = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("webp2p-accept", true),
                transport.handlers());
        this.io = new MultiThreadIoEventLoopGroup(ioThreads, new DefaultThreadFactory("webp2p-io", true),
                transport.handlers());
    }

    public NettyTransport transport() {
        return transport;
    }

    public EventLoopGroup acceptor() {
        return acceptor;
    }

    public EventLoopGroup io() {
        return io;
    }

    @Override
    public void close() {
        acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        io.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        acceptor.terminationFuture().syncUninterruptibly();
        io.terminationFuture().syncUninterruptibly();
    }
}
