package org.webp2p.sdk.proxy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.webp2p.sdk.WebP2pPlayerSource;

/**
 * A local HTTP server through which any HLS player (ffplay, VLC, ExoPlayer, hls.js) plays a
 * {@link WebP2pPlayerSource}: {@code GET /index.m3u8} is the current media playlist rewritten to
 * point back here, {@code GET /seg/<sequence>.<ext>} a segment from the source (peers, its store,
 * or the origin when time runs short), {@code GET /init.<ext>} the fMP4 init segment. Listens on
 * loopback only: it is for players on this device.
 *
 * <p>Build the source with {@link WebP2pPlayerSource.Builder#followPlayerRequests()}, so the
 * player's requests, not a virtual clock, set the position segments are planned from:
 * <pre>{@code
 * WebP2pPlayerSource source = WebP2pPlayerSource.builder().api(api).stream("demo").eventLoops(group)
 *         .followPlayerRequests().build();
 * source.start().get();
 * try (HlsProxy proxy = HlsProxy.open(source, group, 0)) {
 *     player.play(proxy.playlistUri());   // e.g. ffplay http://127.0.0.1:PORT/index.m3u8
 * }
 * }</pre>
 */
public final class HlsProxy implements AutoCloseable {
    /** Covers the urgent-window wait plus a full origin fetch, with room to spare. */
    private static final Duration PATIENCE = Duration.ofSeconds(15);
    /** Requests are a request line and a few headers: anything bigger is not a player's. */
    private static final int MAX_REQUEST = 16 * 1024;

    private final Channel server;
    private final ChannelGroup connections;
    private final Map<ProxyFailure, LongAdder> failures;

    private HlsProxy(Channel server, ChannelGroup connections, Map<ProxyFailure, LongAdder> failures) {
        this.server = server;
        this.connections = connections;
        this.failures = failures;
    }

    /**
     * Serves {@code source} on 127.0.0.1.
     *
     * @param port the port, or 0 for any free one (see {@link #address()})
     */
    public static HlsProxy open(WebP2pPlayerSource source, EventLoopGroup group, int port) throws InterruptedException {
        ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        Map<ProxyFailure, LongAdder> failures = new EnumMap<>(ProxyFailure.class);
        for (ProxyFailure f : ProxyFailure.values()) {
            failures.put(f, new LongAdder());
        }
        Channel ch = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                        connections.add(c);
                        c.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_REQUEST),
                                new ProxyHandler(source, PATIENCE, failures));
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)).sync().channel();
        return new HlsProxy(ch, connections, failures);
    }

    /** Where the proxy listens: 127.0.0.1 and the bound port. */
    public InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    /** Requests not answered with what was asked for, by reason, since the proxy opened. */
    public Map<ProxyFailure, Long> failures() {
        Map<ProxyFailure, Long> counts = new EnumMap<>(ProxyFailure.class);
        failures.forEach((f, n) -> counts.put(f, n.sum()));
        return counts;
    }

    /** The URL to give a player. */
    public URI playlistUri() {
        InetSocketAddress a = address();
        return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort() + ProxyPaths.PLAYLIST);
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        connections.close().syncUninterruptibly();
    }
}
