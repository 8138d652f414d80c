package org.webp2p.server.origin;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class AnswerOrderTest {
    private final List<CompletableFuture<Void>> uploads = new ArrayList<>();

    /** Answers with the request's URI; a PUT is answered when the test completes its work. */
    private final class Answering extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            String uri = req.uri();
            if (req.method().equals(HttpMethod.PUT)) {
                CompletableFuture<Void> work = new CompletableFuture<>();
                uploads.add(work);
                AnswerOrder.answerWhenDone(ctx, work,
                        failure -> ctx.writeAndFlush(failure == null ? uri : "failed " + uri));
            } else {
                AnswerOrder.answer(ctx, req, r -> ctx.writeAndFlush(r.uri()));
            }
        }
    }

    private static FullHttpRequest request(HttpMethod method, String uri) {
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri);
    }

    private static List<Object> written(EmbeddedChannel ch) {
        ch.runPendingTasks();
        List<Object> out = new ArrayList<>();
        for (Object o = ch.readOutbound(); o != null; o = ch.readOutbound()) {
            out.add(o);
        }
        return out;
    }

    @Test
    void answersAtOnceWhenNothingIsPending() {
        EmbeddedChannel ch = new EmbeddedChannel(new Answering());

        ch.writeInbound(request(HttpMethod.GET, "/a"));

        assertThat(written(ch)).containsExactly("/a");
    }

    @Test
    void answersWhatCameBehindAnUploadOnlyAfterTheUpload() {
        EmbeddedChannel ch = new EmbeddedChannel(new Answering());
        ch.writeInbound(request(HttpMethod.PUT, "/up1"));
        ch.writeInbound(request(HttpMethod.GET, "/get"));
        ch.writeInbound(request(HttpMethod.PUT, "/up2"));
        assertThat(written(ch)).isEmpty();

        uploads.get(1).complete(null);
        assertThat(written(ch)).isEmpty();
        uploads.get(0).completeExceptionally(new IllegalStateException("disk full"));

        assertThat(written(ch)).containsExactly("failed /up1", "/get", "/up2");
    }
}
