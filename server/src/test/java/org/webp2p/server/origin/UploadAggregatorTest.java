package org.webp2p.server.origin;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Upload bodies are collected up to {@code origin.max-upload} and refused beyond it, every refusal
 * counted: one row per upload, the aggregator alone in an embedded channel.
 */
class UploadAggregatorTest {
    private static final int LIMIT = 1000;
    private static final boolean DECLARED = true;
    private static final boolean CHUNKED = false;

    static Stream<Arguments> uploads() {
        return Stream.of(
                // body size, length declared or chunked, Expect: 100-continue, Connection: close,
                // then: aggregated, the answers written, connection still open
                Arguments.of(0, DECLARED, false, false, true, List.of(), true),
                Arguments.of(LIMIT, DECLARED, false, false, true, List.of(), true),
                Arguments.of(LIMIT, CHUNKED, false, false, true, List.of(), true),
                Arguments.of(LIMIT, DECLARED, true, false, true, List.of(100), true),
                // Refused on the declared length; the body that follows is read and dropped.
                Arguments.of(LIMIT + 1, DECLARED, false, false, false, List.of(413), true),
                Arguments.of(LIMIT + 1, DECLARED, false, true, false, List.of(413), false),
                // A client that waits for 100-continue never sends the body it was refused.
                Arguments.of(LIMIT + 1, DECLARED, true, false, false, List.of(413), true),
                // Found too large only after part of it was taken: the rest cannot be told from the next request.
                Arguments.of(LIMIT + 1, CHUNKED, false, false, false, List.of(413), false));
    }

    @ParameterizedTest(name = "{0} bytes, declared {1}, 100-continue {2}, close {3} -> aggregated {4}, {5}, open {6}")
    @MethodSource("uploads")
    void collectsUpToTheLimitAndCountsEveryRefusal(int size, boolean declared, boolean expectContinue, boolean close,
                                                   boolean aggregated, List<Integer> answers, boolean open) {
        Rejections rejections = new Rejections();
        EmbeddedChannel ch = new EmbeddedChannel(new UploadAggregator(LIMIT, rejections));
        HttpRequest head = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.PUT, "/live/news/s0.ts");
        if (declared) {
            HttpUtil.setContentLength(head, size);
        } else {
            HttpUtil.setTransferEncodingChunked(head, true);
        }
        if (expectContinue) {
            head.headers().set(HttpHeaderNames.EXPECT, HttpHeaderValues.CONTINUE);
        }
        if (close) {
            head.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        List<ByteBuf> chunks = new ArrayList<>();
        for (int sent = 0; sent < size; sent += 300) {
            chunks.add(Unpooled.wrappedBuffer(new byte[Math.min(300, size - sent)]));
        }

        ch.writeInbound(head);
        List<Integer> written = statuses(ch);
        // A client that waited for 100-continue and got a final answer instead does not send its body.
        boolean refusedEarly = expectContinue && !written.isEmpty() && written.get(0) >= 400;
        for (int i = 0; i < chunks.size(); i++) {
            if (!ch.isOpen() || refusedEarly) {
                // What was not sent is the test's to release.
                chunks.get(i).release();
            } else {
                ch.writeInbound(i == chunks.size() - 1 ? new DefaultLastHttpContent(chunks.get(i))
                        : new DefaultHttpContent(chunks.get(i)));
            }
        }
        if (chunks.isEmpty()) {
            ch.writeInbound(new DefaultLastHttpContent());
        }
        written.addAll(statuses(ch));
        if (refusedEarly) {
            // The connection goes on with the client's next request.
            ch.writeInbound(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/live/news/index.m3u8"),
                    new DefaultLastHttpContent());
            FullHttpRequest next = ch.readInbound();
            assertThat(next.method()).isEqualTo(HttpMethod.GET);
            assertThat(next.release()).isTrue();
        }

        FullHttpRequest whole = ch.readInbound();
        if (aggregated) {
            assertThat(whole.content().readableBytes()).isEqualTo(size);
            assertThat(whole.release()).isTrue();
        } else {
            assertThat(whole).isNull();
        }
        assertThat(written).isEqualTo(answers);
        assertThat(chunks).as("every chunk released").allSatisfy(c -> assertThat(c.refCnt()).isZero());
        assertThat(tooLarge(rejections)).isEqualTo(answers.contains(413) ? 1 : 0);
        assertThat(ch.isOpen()).isEqualTo(open);
        ch.close();
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    /** The statuses of the answers written so far, each answer released. */
    private static List<Integer> statuses(EmbeddedChannel ch) {
        List<Integer> out = new ArrayList<>();
        for (FullHttpResponse r = ch.readOutbound(); r != null; r = ch.readOutbound()) {
            out.add(r.status().code());
            r.release();
        }
        return out;
    }

    private static long tooLarge(Rejections rejections) {
        Map<String, Number> m = new HashMap<>();
        rejections.addTo(m);
        return m.get("rejected." + Rejection.TOO_LARGE.metric).longValue();
    }
}
