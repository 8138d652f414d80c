package org.webp2p.server.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import java.net.InetSocketAddress;
import org.webp2p.server.service.NettyGroups;

/** A bound UDP socket on the shared event loops; closing it frees the port at once. */
public final class UdpEndpoint implements AutoCloseable {
    private final Channel channel;

    private UdpEndpoint(Channel channel) {
        this.channel = channel;
    }

    /** Binds {@code address} with {@code handler} receiving {@link io.netty.channel.socket.DatagramPacket}s. */
    public static UdpEndpoint bind(NettyGroups groups, InetSocketAddress address, ChannelHandler handler)
            throws InterruptedException {
        Channel ch = new Bootstrap()
                .group(groups.io())
                .channel(groups.transport().datagramChannel())
                .option(ChannelOption.SO_RCVBUF, 1 << 20)
                .option(ChannelOption.SO_SNDBUF, 1 << 20)
                .handler(handler)
                .bind(address)
                .sync()
                .channel();
        return new UdpEndpoint(ch);
    }

    public Channel channel() {
        return channel;
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        SocketRelease.awaitNextSelect(channel.eventLoop());
    }
}
