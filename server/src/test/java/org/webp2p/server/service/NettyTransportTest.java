package org.webp2p.server.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.codec.string.StringEncoder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.webp2p.server.config.Config;
import org.webp2p.server.config.ConfigSchema;
import org.webp2p.server.config.ServiceName;
import org.webp2p.server.net.TcpServer;
import org.webp2p.server.net.UdpEndpoint;
import org.webp2p.server.store.Store;

class NettyTransportTest {
    private static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    @Test
    void linuxOnX86UsesNativeEpoll() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        assumeTrue(os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64")));

        assertThat(NettyTransport.best()).isEqualTo(NettyTransport.EPOLL);
    }

    @ParameterizedTest
    @EnumSource(NettyTransport.class)
    void tcpAndUdpServeOnEitherTransport(NettyTransport transport) throws Exception {
        assumeTrue(transport == NettyTransport.NIO || NettyTransport.best() == NettyTransport.EPOLL,
                "no native epoll on this platform");
        Path dataDir = Files.createTempDirectory("transport-test");
        Config config = Config.of(ConfigSchema.standard(), Map.of("origin.bind", "127.0.0.1", "origin.port", "0"));
        try (NettyGroups groups = new NettyGroups(1, transport);
             Store store = Store.open("jdbc:h2:mem:" + UUID.randomUUID(), "sa", "");
             TcpServer tcp = TcpServer.bind(new ServiceContext(config, groups, store, Clock.systemUTC(), dataDir),
                     ServiceName.ORIGIN, NettyTransportTest::echoLines);
             UdpEndpoint udp = UdpEndpoint.bind(groups, ANY_LOOPBACK_PORT, new DatagramEcho())) {
            try (Socket s = new Socket(tcp.localAddress().getAddress(), tcp.localAddress().getPort())) {
                OutputStream out = s.getOutputStream();
                out.write("hello\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                assertThat(in.readLine()).isEqualTo("echo hello");
            }
            try (DatagramChannel s = DatagramChannel.open()) {
                s.bind(ANY_LOOPBACK_PORT).configureBlocking(false);
                s.send(ByteBuffer.wrap("ping".getBytes(StandardCharsets.UTF_8)), udp.localAddress());
                ByteBuffer pong = ByteBuffer.allocate(64);
                await().atMost(Duration.ofSeconds(5)).until(() -> s.receive(pong) != null);
                assertThat(new String(pong.array(), 0, pong.position(), StandardCharsets.UTF_8)).isEqualTo("ping");
            }
        } finally {
            Files.delete(dataDir);
        }
    }

    private static void echoLines(SocketChannel ch) {
        ch.pipeline().addLast(new LineBasedFrameDecoder(100), new StringDecoder(StandardCharsets.UTF_8),
                new StringEncoder(StandardCharsets.UTF_8),
                new SimpleChannelInboundHandler<String>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, String msg) {
                        ctx.writeAndFlush("echo " + msg + "\n");
                    }
                });
    }

    private static final class DatagramEcho extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            ByteBuf copy = packet.content().retainedDuplicate();
            ctx.writeAndFlush(new DatagramPacket(copy, packet.sender()));
        }
    }
}
