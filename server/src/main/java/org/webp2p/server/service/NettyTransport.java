package org.webp2p.server.service;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.util.function.Supplier;

/**
 * How the event loops reach the sockets: Netty's native epoll on Linux, the JDK's NIO elsewhere (macOS,
 * Windows, or a Linux whose architecture has no native library in the distribution). Epoll writes
 * straight from the socket buffers' memory and skips the JDK's selector bookkeeping, which a tracker
 * relaying thousands of small messages a second pays on every one. Channels must match their event
 * loop's transport, so every socket a service opens takes its classes from here.
 */
public enum NettyTransport {
    EPOLL(EpollIoHandler::newFactory, EpollServerSocketChannel.class, EpollDatagramChannel.class),
    NIO(NioIoHandler::newFactory, NioServerSocketChannel.class, NioDatagramChannel.class);

    private final Supplier<IoHandlerFactory> handlers;
    private final Class<? extends ServerSocketChannel> serverChannel;
    private final Class<? extends DatagramChannel> datagramChannel;

    NettyTransport(Supplier<IoHandlerFactory> handlers, Class<? extends ServerSocketChannel> serverChannel,
                   Class<? extends DatagramChannel> datagramChannel) {
        this.handlers = handlers;
        this.serverChannel = serverChannel;
        this.datagramChannel = datagramChannel;
    }

    /** Epoll where its native library loads, else NIO. */
    public static NettyTransport best() {
        return Epoll.isAvailable() ? EPOLL : NIO;
    }

    IoHandlerFactory handlers() {
        return handlers.get();
    }

    public Class<? extends ServerSocketChannel> serverChannel() {
        return serverChannel;
    }

    public Class<? extends DatagramChannel> datagramChannel() {
        return datagramChannel;
    }
}
