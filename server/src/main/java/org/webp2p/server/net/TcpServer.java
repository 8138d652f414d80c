package org.webp2p.server.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.function.Consumer;
import org.webp2p.server.service.NettyGroups;

/**
 * A bound TCP listener on the shared event loops that can be closed with all its connections, so
 * stopping a service frees its port at once and no client keeps talking to a stopped service.
 */
public final class TcpServer implements AutoCloseable {
    private final Channel listener;
    private final ChannelGroup connections;

    private TcpServer(Channel listener, ChannelGroup connections) {
        this.listener = listener;
        this.connections = connections;
    }

    /**
     * Binds {@code address} and runs {@code pipeline} for each accepted connection.
     *
     * @throws java.net.BindException (possibly as the cause) when the port is taken
     */
    public static TcpServer bind(NettyGroups groups, InetSocketAddress address, Consumer<SocketChannel> pipeline)
            throws InterruptedException {
        ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        ChannelHandler init = new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                connections.add(ch);
                pipeline.accept(ch);
            }
        };
        Channel listener = new ServerBootstrap()
                .group(groups.acceptor(), groups.io())
                .channel(groups.transport().serverChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(init)
                .bind(address)
                .sync()
                .channel();
        return new TcpServer(listener, connections);
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) listener.localAddress();
    }

    public int openConnections() {
        return connections.size();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        SocketRelease.awaitNextSelect(listener.eventLoop());
        connections.close().awaitUninterruptibly();
    }
}
