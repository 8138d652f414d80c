package org.webp2p.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.FileRegion;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A server pipeline in an {@link EmbeddedChannel} with a client's codec on the other end: the
 * requests and answers cross as bytes, as on a socket, but without one, and without waiting.
 * Every buffer that crosses is released here, and {@link #close()} fails if anything was left over.
 */
public final class EmbeddedHttp implements AutoCloseable {
    /** The address the server sees the client at. */
    public static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40_000);

    private final EmbeddedChannel server;
    private final EmbeddedChannel client = new EmbeddedChannel(new HttpClientCodec(),
            new HttpObjectAggregator(16 << 20));

    /** One answer as the client read it; its buffer is already released. */
    public record Answer(HttpResponseStatus status, HttpHeaders headers, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(CharSequence name) {
            return headers.get(name);
        }

        /** Whether the client may send its next request on this connection, as RFC 9112 §9.3 says. */
        public boolean keepsAlive() {
            return !headers.containsValue(HttpHeaderNames.CONNECTION, "close", true);
        }
    }

    public EmbeddedHttp(Consumer<ChannelPipeline> pipeline) {
        server = channel();
        pipeline.accept(server.pipeline());
    }

    /** An embedded channel whose far end is {@link #CLIENT}, as a handler reading the peer's address expects. */
    public static EmbeddedChannel channel(ChannelHandler... handlers) {
        return new EmbeddedChannel(handlers) {
            @Override
            protected SocketAddress remoteAddress0() {
                return isActive() ? CLIENT : null;
            }
        };
    }

    /** A request with no body; headers are given as name, value pairs. */
    public static FullHttpRequest request(HttpVersion version, HttpMethod method, String uri, String... headers) {
        return request(version, method, uri, new byte[0], headers);
    }

    public static FullHttpRequest request(HttpVersion version, HttpMethod method, String uri, byte[] body,
                                          String... headers) {
        // A buffer of its own even when empty, so that its release can be checked.
        FullHttpRequest r = new DefaultFullHttpRequest(version, method, uri,
                Unpooled.buffer(body.length).writeBytes(body));
        r.headers().set(HttpHeaderNames.HOST, "origin.test");
        for (int i = 0; i < headers.length; i += 2) {
            r.headers().add(headers[i], headers[i + 1]);
        }
        if (body.length > 0 || method.equals(HttpMethod.PUT) || method.equals(HttpMethod.POST)) {
            HttpUtil.setContentLength(r, body.length);
        }
        return r;
    }

    /** Sends {@code requests} in one go (pipelined) and returns every answer the client has read. */
    public List<Answer> exchange(FullHttpRequest... requests) {
        for (FullHttpRequest r : requests) {
            client.writeOutbound(r);
        }
        for (Object bytes = client.readOutbound(); bytes != null; bytes = client.readOutbound()) {
            if (server.isOpen()) {
                server.writeInbound(bytes);
            } else {
                // As on a socket: what arrives after the server closed is never read.
                ReferenceCountUtil.release(bytes);
            }
        }
        List<Answer> answers = answers();
        for (FullHttpRequest r : requests) {
            assertThat(r.refCnt()).as("%s %s was released", r.method(), r.uri()).isZero();
        }
        return answers;
    }

    /** Sends bytes exactly as written, for requests a client's codec would refuse to make. */
    public List<Answer> exchangeRaw(String wire) {
        ByteBuf bytes = Unpooled.copiedBuffer(wire, StandardCharsets.ISO_8859_1);
        server.writeInbound(bytes);
        assertThat(bytes.refCnt()).as("the request bytes were released").isZero();
        return answers();
    }

    /** Runs what handlers handed to the event loop (answers given later) and collects what arrived. */
    public List<Answer> answers() {
        server.runPendingTasks();
        for (Object out = server.readOutbound(); out != null; out = server.readOutbound()) {
            client.writeInbound(out instanceof FileRegion region ? read(region) : out);
        }
        List<Answer> answers = new ArrayList<>();
        for (Object in = client.readInbound(); in != null; in = client.readInbound()) {
            FullHttpResponse r = (FullHttpResponse) in;
            byte[] body = new byte[r.content().readableBytes()];
            r.content().readBytes(body);
            answers.add(new Answer(r.status(), new DefaultHttpHeaders().set(r.headers()), body));
            assertThat(r.release()).as("the client holds the only reference to an answer").isTrue();
        }
        return answers;
    }

    /** Whether the server side of the connection is still open. */
    public boolean isOpen() {
        return server.isOpen();
    }

    public EmbeddedChannel server() {
        return server;
    }

    private static ByteBuf read(FileRegion region) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        WritableByteChannel channel = new WritableByteChannel() {
            @Override
            public int write(ByteBuffer src) {
                int n = src.remaining();
                byte[] b = new byte[n];
                src.get(b);
                sink.write(b, 0, n);
                return n;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
        try {
            while (region.transferred() < region.count()) {
                region.transferTo(channel, region.transferred());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            region.release();
        }
        return Unpooled.wrappedBuffer(sink.toByteArray());
    }

    @Override
    public void close() {
        assertThat(server.finishAndReleaseAll()).as("nothing left unread on the server side").isFalse();
        assertThat(client.finishAndReleaseAll()).as("nothing left unread on the client side").isFalse();
    }
}
