package org.webp2p.server.origin;

import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.HEAD;
import static io.netty.handler.codec.http.HttpMethod.OPTIONS;
import static io.netty.handler.codec.http.HttpMethod.PATCH;
import static io.netty.handler.codec.http.HttpMethod.PUT;
import static io.netty.handler.codec.http.HttpVersion.HTTP_1_0;
import static io.netty.handler.codec.http.HttpVersion.HTTP_1_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.webp2p.server.EmbeddedHttp.request;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.webp2p.server.EmbeddedHttp;
import org.webp2p.server.EmbeddedHttp.Answer;
import org.webp2p.server.MutableClock;
import org.webp2p.server.config.Config;
import org.webp2p.server.http.HttpConnections;

/**
 * The origin's whole pipeline in an embedded channel: which answers keep the connection (Netty's
 * keep-alive handler alone decides) and which carry CORS headers, one row per request.
 */
class OriginPipelineTest {
    private static final String KEY = "origin-key";
    private static final int MAX_UPLOAD = 4096;
    private static final String[] NO_HEADERS = {};

    @TempDir
    Path dir;

    private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");
    /** The demo's newest segment at START: one 2-second segment a slot since the epoch. */
    private static final String SEGMENT = "/live/demo/s" + (START.getEpochSecond() / 2 - 1) + ".ts";
    private static final String EARLIER_SEGMENT = "/live/demo/s" + (START.getEpochSecond() / 2 - 2) + ".ts";

    private final MutableClock clock = new MutableClock(START);
    private final Rejections rejections = new Rejections();
    private LiveStreams live;
    private VodRoots vod;
    private OriginHttpHandler handler;

    @BeforeEach
    void startOrigin() throws Exception {
        live = new LiveStreams(dir.resolve("live"), StreamProfiles.uniform(6), Duration.ofSeconds(10), clock);
        live.start();
        vod = VodRoots.parse("");
        handler = new OriginHttpHandler(live, DemoStream.all(StreamProfiles.uniform(6), clock), vod, Optional.empty(), rejections);
    }

    @AfterEach
    void stopOrigin() {
        live.close();
        vod.close();
    }

    private EmbeddedHttp connection(String corsOrigins) {
        return new EmbeddedHttp(p -> OriginService.pipeline(p, HttpConnections.of(Config.defaults()),
                OriginService.cors(corsOrigins), new PublishKeys(KEY, Map.of()), rejections, MAX_UPLOAD, handler));
    }

    static Stream<Arguments> keepAlive() {
        String segment = SEGMENT;
        return Stream.of(
                // version, request headers, method, uri, body size, status, stays open
                Arguments.of(HTTP_1_1, NO_HEADERS, GET, segment, 0, 200, true),
                Arguments.of(HTTP_1_1, new String[] {"Connection", "close"}, GET, segment, 0, 200, false),
                Arguments.of(HTTP_1_0, NO_HEADERS, GET, segment, 0, 200, false),
                Arguments.of(HTTP_1_0, new String[] {"Connection", "keep-alive"}, GET, segment, 0, 200, true),
                Arguments.of(HTTP_1_1, NO_HEADERS, HEAD, segment, 0, 200, true),
                Arguments.of(HTTP_1_0, NO_HEADERS, HEAD, segment, 0, 200, false),
                // A CDN revalidating over one connection must keep it.
                Arguments.of(HTTP_1_1, new String[] {"If-None-Match", "*"}, GET, segment, 0, 304, true),
                Arguments.of(HTTP_1_0, new String[] {"Connection", "keep-alive", "If-None-Match", "*"}, GET, segment,
                        0, 304, true),
                Arguments.of(HTTP_1_1, new String[] {"If-None-Match", "*", "Connection", "close"}, GET, segment, 0,
                        304, false),
                Arguments.of(HTTP_1_1, new String[] {"Range", "bytes=0-99"}, GET, segment, 0, 206, true),
                Arguments.of(HTTP_1_1, new String[] {"Range", "bytes=99999999-"}, GET, segment, 0, 416, true),
                Arguments.of(HTTP_1_1, NO_HEADERS, GET, "/live/demo/index.m3u8", 0, 200, true),
                Arguments.of(HTTP_1_1, NO_HEADERS, GET, "/live/nobody/index.m3u8", 0, 404, true),
                Arguments.of(HTTP_1_1, NO_HEADERS, GET, "/etc/passwd", 0, 400, true),
                Arguments.of(HTTP_1_1, NO_HEADERS, PATCH, segment, 0, 405, true),
                Arguments.of(HTTP_1_1, NO_HEADERS, PUT, "/live/news/index.m3u8", 10, 403, true),
                Arguments.of(HTTP_1_1, new String[] {"Connection", "close"}, PUT, "/live/news/index.m3u8", 10, 403,
                        false),
                // Refused before its body was sent: the client will not send it, so nothing more can be read.
                Arguments.of(HTTP_1_1, new String[] {"Expect", "100-continue"}, PUT, "/live/news/index.m3u8", 0, 403,
                        false),
                Arguments.of(HTTP_1_1, NO_HEADERS, PUT, "/live/news/s0.ts", 10, 403, true),
                Arguments.of(HTTP_1_1, NO_HEADERS, PUT, "/ingest/" + KEY + "/news/s0.ts", MAX_UPLOAD + 1, 413, true),
                Arguments.of(HTTP_1_0, NO_HEADERS, PUT, "/ingest/" + KEY + "/news/s0.ts", MAX_UPLOAD + 1, 413, false),
                Arguments.of(HTTP_1_1, new String[] {"Origin", "https://player.example",
                    "Access-Control-Request-Method", "GET"}, OPTIONS, segment, 0, 200, true));
    }

    @ParameterizedTest(name = "{0} {1} {2} {3} ({4} bytes) -> {5}, open: {6}")
    @MethodSource("keepAlive")
    void oneOwnerDecidesWhetherTheConnectionStaysOpen(HttpVersion version, String[] headers, HttpMethod method,
                                                      String uri, int bodySize, int status, boolean open) {
        EmbeddedHttp http = connection("*");

        List<Answer> answers = http.exchange(request(version, method, uri, new byte[bodySize], headers));

        assertThat(answers).singleElement().satisfies(a -> {
            assertThat(a.status().code()).isEqualTo(status);
            assertThat(a.keepsAlive()).as("the answer tells the client what the server does").isEqualTo(open);
        });
        assertThat(http.isOpen()).isEqualTo(open);
        http.close();
    }

    @Test
    void malformedRequestIs400AndTheLastOnItsConnection() {
        EmbeddedHttp http = connection("*");

        List<Answer> answers = http.exchangeRaw("GET " + SEGMENT + " HTTP/1.1\r\nContent-Length: many\r\n\r\n"
                + "GET " + SEGMENT + " HTTP/1.1\r\n\r\n");

        assertThat(answers).singleElement().satisfies(a -> {
            assertThat(a.status().code()).isEqualTo(400);
            assertThat(a.keepsAlive()).isFalse();
        });
        assertThat(http.isOpen()).isFalse();
        assertThat(counted(Rejection.BAD_REQUEST)).isEqualTo(1);
        http.close();
    }

    @Test
    void manyRequestsShareOneConnectionWhateverTheyAreAnswered() {
        EmbeddedHttp http = connection("*");

        List<Answer> answers = http.exchange(request(HTTP_1_1, GET, SEGMENT),
                request(HTTP_1_1, GET, SEGMENT, "If-None-Match", "*"),
                request(HTTP_1_1, GET, "/live/nobody/a.ts"),
                request(HTTP_1_1, PUT, "/live/news/index.m3u8", new byte[3]),
                request(HTTP_1_1, HEAD, EARLIER_SEGMENT),
                request(HTTP_1_1, GET, EARLIER_SEGMENT, "Range", "bytes=0-0"));

        assertThat(answers).extracting(a -> a.status().code()).containsExactly(200, 304, 404, 403, 200, 206);
        assertThat(answers).allSatisfy(a -> assertThat(a.keepsAlive()).isTrue());
        assertThat(http.isOpen()).isTrue();
        http.close();
    }

    static Stream<Arguments> cors() {
        String segment = SEGMENT;
        String player = "https://player.example";
        return Stream.of(
                // allowed origins, method, uri, request headers, status, Access-Control-Allow-Origin
                Arguments.of("*", GET, segment, new String[] {"Origin", player}, 200, "*"),
                Arguments.of("*", GET, "/live/nobody/index.m3u8", new String[] {"Origin", player}, 404, "*"),
                Arguments.of("*", GET, segment, NO_HEADERS, 200, null),
                Arguments.of("*", OPTIONS, segment, new String[] {"Origin", player, "Access-Control-Request-Method",
                    "GET", "Access-Control-Request-Headers", "range"}, 200, "*"),
                Arguments.of(player + ", https://other.example", GET, segment, new String[] {"Origin", player}, 200,
                        player),
                Arguments.of(player, GET, segment, new String[] {"Origin", "https://evil.example"}, 200, null),
                Arguments.of(player, OPTIONS, segment, new String[] {"Origin", "https://evil.example",
                    "Access-Control-Request-Method", "GET"}, 200, null));
    }

    @ParameterizedTest(name = "allowed {0}: {1} {2} {3} -> {4}, allow-origin {5}")
    @MethodSource("cors")
    void answersBrowsersOfTheAllowedOriginsOnly(String allowed, HttpMethod method, String uri, String[] headers,
                                                int status, String allowOrigin) {
        EmbeddedHttp http = connection(allowed);

        List<Answer> answers = http.exchange(request(HTTP_1_1, method, uri, headers));

        assertThat(answers).singleElement().satisfies(a -> {
            assertThat(a.status().code()).isEqualTo(status);
            assertThat(a.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).isEqualTo(allowOrigin);
            if (allowOrigin != null && method.equals(OPTIONS)) {
                assertThat(a.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS)).contains("GET", "HEAD", "OPTIONS");
                assertThat(a.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS)).containsIgnoringCase("range");
                assertThat(a.header(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE)).isEqualTo("86400");
            } else if (allowOrigin != null) {
                assertThat(a.headers().getAll(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS))
                        .as("a player reads ranges and validators").contains("content-range", "etag");
            }
        });
        assertThat(http.isOpen()).isTrue();
        http.close();
    }

    private long counted(Rejection reason) {
        Map<String, Number> m = new HashMap<>();
        rejections.addTo(m);
        return m.get("rejected." + reason.metric).longValue();
    }
}
