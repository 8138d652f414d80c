package org.webp2p.server.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real epoll socket fed like an encoder feeds RTMP: a write every 10 ms. */
class ReceiveBatchingTest {
    private EventLoopGroup group;
    private Channel server;
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicBoolean batching = new AtomicBoolean();

    @BeforeEach
    void listen() throws Exception {
        assumeTrue(Epoll.isAvailable(), "the epoll transport is Linux's");
        group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        server = new ServerBootstrap().group(group).channel(EpollServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new ReceiveBatching()).addLast(new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                // The first bytes are the handshake; streaming begins after them.
                                ReceiveBatching.start(ctx.pipeline());
                                batching.set(ctx.pipeline().get(ReceiveBatching.class).batching());
                                reads.incrementAndGet();
                                bytes.addAndGet(((ByteBuf) msg).readableBytes());
                                ((ByteBuf) msg).release();
                            }
                        });
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
    }

    @AfterEach
    void close() {
        if (group != null) {
            server.close().syncUninterruptibly();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void aStreamWrittenEveryTenMillisecondsIsReadInBatchesAndItsLastBytesBeforeAPauseStillArrive() throws Exception {
        try (Socket client = new Socket()) {
            client.setTcpNoDelay(true);
            client.connect(server.localAddress());
            OutputStream out = client.getOutputStream();
            out.write(new byte[100]);
            out.flush();
            await().atMost(Duration.ofSeconds(5)).until(() -> bytes.get() == 100);
            assertThat(batching.get()).as("epoll takes the option").isTrue();

            byte[] frame = new byte[2_000]; // 200 KB/s, as a 1.6 Mbit/s encoder
            long sent = 100;
            for (int i = 0; i < 100; i++) { // a second for the rate to be measured
                out.write(frame);
                sent += frame.length;
                Thread.sleep(10);
            }
            int readsBefore = reads.get();
            for (int i = 0; i < 100; i++) {
                out.write(frame);
                sent += frame.length;
                Thread.sleep(10);
            }
            int readsOfTheSecondSecond = reads.get() - readsBefore;
            out.write(new byte[300]);
            out.flush();
            long total = sent + 300;

            assertThat(readsOfTheSecondSecond).as("100 writes, read in batches of about 10 KB").isBetween(1, 40);
            await("the 300 bytes after the last batch, read once the socket went quiet")
                    .atMost(Duration.ofMillis(1_500)).until(() -> bytes.get() == total);
        }
    }
}
