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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.webp2p.server.config.Config;
import org.webp2p.server.config.NetSettings;
import org.webp2p.server.config.ServiceName;
import org.webp2p.server.service.ServiceContext;

/**
 * A bound TCP listener on the shared event loops that can be closed with all its connections, so
 * stopping a service frees its port at once and no client keeps talking to a stopped service.
 *
 * <p>Every TCP service binds through here, so every one gets the same limits before its own
 * handlers see a byte: at most {@code net.max-connections-per-address} connections per client
 * address (one more is closed as it arrives), and a connection that neither sends nor takes a byte
 * for {@code net.idle-timeout} is closed. Output that makes progress, such as a long download to a
 * slow reader, keeps a connection alive. Both are counted ({@link #addTo}).
 */
public final class TcpServer implements AutoCloseable {
    private final Channel listener;
    private final ChannelGroup connections;
    private final LongAdder refused;
    private final LongAdder idleClosed;

    private TcpServer(Channel listener, ChannelGroup connections, LongAdder refused, LongAdder idleClosed) {
        this.listener = listener;
        this.connections = connections;
        this.refused = refused;
        this.idleClosed = idleClosed;
    }

    /**
     * Binds {@code service}'s endpoint ({@code <service>.bind}:{@code <service>.port}) and runs
     * {@code pipeline} for each connection it admits.
     *
     * @throws java.net.BindException (possibly as the cause) when the port is taken
     */
    public static TcpServer bind(ServiceContext context, ServiceName service, Consumer<SocketChannel> pipeline)
            throws InterruptedException {
        Config config = context.config();
        Duration idle = config.get(NetSettings.IDLE_TIMEOUT);
        if (idle.isZero()) {
            throw new IllegalArgumentException(NetSettings.IDLE_TIMEOUT + " must be more than 0");
        }
        ConnectionsPerAddress perAddress = new ConnectionsPerAddress(config.get(NetSettings.MAX_CONNECTIONS_PER_ADDRESS));
        LongAdder refused = new LongAdder();
        LongAdder idleClosed = new LongAdder();
        ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        ChannelHandler init = new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                InetAddress from = ch.remoteAddress().getAddress();
                if (!perAddress.admit(from)) {
                    refused.increment();
                    ch.close();
                    return;
                }
                ch.closeFuture().addListener(f -> perAddress.release(from));
                connections.add(ch);
                ch.pipeline().addLast(new IdleTimeout(idle, idleClosed));
                pipeline.accept(ch);
            }
        };
        Channel listener = new ServerBootstrap()
                .group(context.netty().acceptor(), context.netty().io())
                .channel(context.netty().transport().serverChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(init)
                .bind(context.config().endpoint(service))
                .sync()
                .channel();
        return new TcpServer(listener, connections, refused, idleClosed);
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) listener.localAddress();
    }

    public int openConnections() {
        return connections.size();
    }

    /**
     * {@code connections} open now, {@code connections.refused} for being one too many from an
     * address, {@code connections.idle-closed} for {@code net.idle-timeout}.
     */
    public void addTo(Map<String, Number> metrics) {
        metrics.put("connections", openConnections());
        metrics.put("connections.refused", refused.sum());
        metrics.put("connections.idle-closed", idleClosed.sum());
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        SocketRelease.awaitNextSelect(listener.eventLoop());
        connections.close().awaitUninterruptibly();
    }
}
