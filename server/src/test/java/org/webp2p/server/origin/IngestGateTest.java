package org.webp2p.server.origin;

import static io.netty.handler.codec.http.HttpMethod.DELETE;
import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.POST;
import static io.netty.handler.codec.http.HttpMethod.PUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ingest gate decides on an upload's headers alone, before its body is buffered: one row per
 * request, the gate alone in an embedded channel, its refusal read as it leaves.
 */
class IngestGateTest {
    private static final String KEY = "origin-key";
    private static final String CAM_KEY = "cam-key";
    private static final Rejection PASSES = null;

    private final Rejections rejections = new Rejections();
    private final EmbeddedChannel ch = new EmbeddedChannel(new IngestGate(
            new PublishKeys(KEY, Map.of("cam", CAM_KEY, "keyed", "a/b")),
            rejections));

    static Stream<Arguments> uploads() {
        return Stream.of(
                // method, uri, X-Publish-Key header, what happens
                Arguments.of(PUT, "/ingest/" + KEY + "/news/index.m3u8", null, PASSES),
                Arguments.of(PUT, "/ingest/" + KEY + "/news/index0.ts", null, PASSES),
                Arguments.of(DELETE, "/ingest/" + KEY + "/news/index0.ts", null, PASSES),
                Arguments.of(PUT, "/ingest/" + CAM_KEY + "/cam/index0.ts", null, PASSES),
                Arguments.of(PUT, "/ingest/a%2Fb/keyed/s0.ts", null, PASSES),
                Arguments.of(PUT, "/live/news/s0.ts?key=" + KEY, null, PASSES),
                Arguments.of(PUT, "/live/news/index.m3u8?key=" + KEY, null, PASSES),
                Arguments.of(PUT, "/live/news/index.m3u8", KEY, PASSES),
                Arguments.of(POST, "/live/news/init.mp4", KEY, PASSES),
                Arguments.of(DELETE, "/live/news/s0.ts?key=" + KEY, null, PASSES),
                Arguments.of(PUT, "/live/cam/s0.ts?key=" + CAM_KEY, null, PASSES),
                // Every upload carries the key itself: a segment or a delete without one is refused.
                Arguments.of(PUT, "/live/news/s0.ts", null, Rejection.FORBIDDEN),
                Arguments.of(DELETE, "/live/news/s0.ts", null, Rejection.FORBIDDEN),
                Arguments.of(PUT, "/ingest/wrong/news/index0.ts", null, Rejection.FORBIDDEN),
                Arguments.of(PUT, "/ingest/" + KEY + "/cam/index0.ts", null, Rejection.FORBIDDEN),
                Arguments.of(PUT, "/ingest//news/index0.ts", KEY, Rejection.FORBIDDEN),
                Arguments.of(PUT, "/live/cam/index.m3u8?key=" + KEY, null, Rejection.FORBIDDEN),
                Arguments.of(PUT, "/live/news/index.m3u8", null, Rejection.FORBIDDEN),
                Arguments.of(PUT, "/live/news/index.m3u8?key=", null, Rejection.FORBIDDEN),
                Arguments.of(PUT, "/live/news/index.m3u8?key=wrong", null, Rejection.FORBIDDEN),
                Arguments.of(PUT, "/live/news/s0.ts?key=wrong", null, Rejection.FORBIDDEN),
                Arguments.of(PUT, "/live/news/index.m3u8", "wrong", Rejection.FORBIDDEN),
                Arguments.of(PUT, "/live/demo/s0.ts?key=" + KEY, null, Rejection.RESERVED),
                Arguments.of(PUT, "/ingest/" + KEY + "/demo/s0.ts", null, Rejection.RESERVED),
                Arguments.of(PUT, "/vod/films/a.ts?key=" + KEY, null, Rejection.BAD_PATH),
                Arguments.of(PUT, "/live/news/../secret/s0.ts?key=" + KEY, null, Rejection.BAD_PATH),
                Arguments.of(PUT, "/ingest/" + KEY + "/news/../secret/s0.ts", null, Rejection.BAD_PATH),
                Arguments.of(PUT, "/ingest/" + KEY + "/news", null, Rejection.BAD_PATH),
                Arguments.of(PUT, "/ingest/" + KEY + "/%2e%2e/s0.ts", null, Rejection.BAD_PATH),
                Arguments.of(PUT, "/live/%zz/s0.ts?key=" + KEY, null, Rejection.BAD_PATH),
                Arguments.of(PUT, "/elsewhere?key=" + KEY, null, Rejection.BAD_PATH),
                Arguments.of(PUT, "/live/news/other.m3u8?key=" + KEY, null, Rejection.NOT_MEDIA),
                Arguments.of(PUT, "/ingest/" + KEY + "/news/other.m3u8", null, Rejection.NOT_MEDIA),
                Arguments.of(PUT, "/live/news/notes.txt?key=" + KEY, null, Rejection.NOT_MEDIA),
                // Not uploads: the gate lets them by whatever they ask for.
                Arguments.of(GET, "/live/news/index.m3u8", null, PASSES),
                Arguments.of(GET, "/anything/at/all", null, PASSES),
                Arguments.of(HttpMethod.OPTIONS, "/live/news/s0.ts", null, PASSES));
    }

    @ParameterizedTest(name = "{0} {1} key header {2} -> {3}")
    @MethodSource("uploads")
    void decidesOnTheHeadersAlone(HttpMethod method, String uri, String keyHeader, Rejection refused) {
        HttpRequest head = new DefaultHttpRequest(HttpVersion.HTTP_1_1, method, uri);
        if (keyHeader != null) {
            head.headers().set(IngestTarget.KEY_HEADER, keyHeader);
        }
        HttpContent body = new DefaultLastHttpContent(Unpooled.copiedBuffer("#EXTM3U\n", StandardCharsets.UTF_8));

        ch.writeInbound(head, body);

        if (refused == PASSES) {
            assertThat((Object) ch.readInbound()).isSameAs(head);
            assertThat((Object) ch.readInbound()).isSameAs(body);
            assertThat((Object) ch.readOutbound()).isNull();
            assertThat(body.release()).isTrue();
            assertThat(counted()).as("nothing refused").allSatisfy((reason, n) -> assertThat(n).isZero());
        } else {
            assertThat((Object) ch.readInbound()).as("nothing of a refused upload goes on").isNull();
            assertThat(body.refCnt()).as("the refused body was dropped").isZero();
            FullHttpResponse answer = ch.readOutbound();
            assertThat(answer.status()).isEqualTo(refused.status);
            assertThat(answer.content().toString(StandardCharsets.UTF_8)).startsWith(refused.status.code() + " ");
            assertThat(answer.headers().get(HttpHeaderNames.CACHE_CONTROL)).isEqualTo(CachePolicy.ERROR);
            assertThat(HttpUtil.isKeepAlive(answer)).as("the body was read, so the connection can go on").isTrue();
            assertThat(answer.release()).isTrue();
            assertThat(counted()).containsEntry("rejected." + refused.metric, 1L);
        }
        assertThat(ch.isOpen()).isTrue();
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void dropsEveryChunkOfARefusedBodyThenPassesTheNextRequest() {
        HttpRequest refused = new DefaultHttpRequest(HttpVersion.HTTP_1_1, PUT, "/live/news/index.m3u8?key=wrong");
        ByteBuf[] chunks = {Unpooled.copiedBuffer("one", StandardCharsets.UTF_8),
            Unpooled.copiedBuffer("two", StandardCharsets.UTF_8), Unpooled.copiedBuffer("end", StandardCharsets.UTF_8)};
        HttpRequest next = new DefaultHttpRequest(HttpVersion.HTTP_1_1, GET, "/live/news/index.m3u8");

        ch.writeInbound(refused, new DefaultHttpContent(chunks[0]), new DefaultHttpContent(chunks[1]),
                new DefaultLastHttpContent(chunks[2]), next, LastHttpContent.EMPTY_LAST_CONTENT);

        assertThat(chunks).allSatisfy(c -> assertThat(c.refCnt()).isZero());
        assertThat((Object) ch.readInbound()).isSameAs(next);
        assertThat((Object) ch.readInbound()).isSameAs(LastHttpContent.EMPTY_LAST_CONTENT);
        FullHttpResponse answer = ch.readOutbound();
        assertThat(answer.status().code()).isEqualTo(403);
        assertThat(answer.release()).isTrue();
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aRefusedClientWaitingFor100ContinueIsToldTheConnectionEnds() {
        HttpRequest waiting = new DefaultHttpRequest(HttpVersion.HTTP_1_1, PUT, "/live/news/index.m3u8");
        waiting.headers().set(HttpHeaderNames.EXPECT, HttpHeaderValues.CONTINUE);

        ch.writeInbound(waiting);

        FullHttpResponse answer = ch.readOutbound();
        assertThat(answer.status().code()).isEqualTo(403);
        assertThat(answer.headers().get(HttpHeaderNames.CONNECTION)).isEqualTo("close");
        assertThat(answer.release()).isTrue();
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    private Map<String, Long> counted() {
        Map<String, Number> m = new HashMap<>();
        rejections.addTo(m);
        Map<String, Long> out = new HashMap<>();
        m.forEach((k, v) -> out.put(k, v.longValue()));
        return out;
    }
}
