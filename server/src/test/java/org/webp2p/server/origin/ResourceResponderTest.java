package org.webp2p.server.origin;

import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.HEAD;
import static io.netty.handler.codec.http.HttpVersion.HTTP_1_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.webp2p.server.EmbeddedHttp.request;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.webp2p.server.EmbeddedHttp;
import org.webp2p.server.EmbeddedHttp.Answer;

/**
 * How a resource is answered: validators first (304), then one byte range (206, 416), then the
 * body or, for HEAD, only its length; with the cache headers a CDN needs. One row per request.
 */
class ResourceResponderTest {
    private static final String BODY = "0123456789abcdefghij";
    private static final Instant MODIFIED = Instant.parse("2026-01-01T10:00:00Z");
    private static final String CACHE = "public, max-age=60";
    private static final Servable RESOURCE = Servable.ofBytes(BODY.getBytes(StandardCharsets.US_ASCII),
            "video/mp2t", Optional.of(MODIFIED), CACHE);
    private static final String ETAG = RESOURCE.etag();
    private static final String AT_MODIFIED = DateFormatter.format(Date.from(MODIFIED));
    private static final String BEFORE = DateFormatter.format(Date.from(MODIFIED.minusSeconds(1)));
    private static final String AFTER = DateFormatter.format(Date.from(MODIFIED.plusSeconds(3600)));
    private static final String WHOLE = null;

    @TempDir
    Path dir;

    private final StreamTraffic traffic = new StreamTraffic();

    private EmbeddedHttp serving(Servable s) {
        return serving(s, traffic);
    }

    /** The origin's codec and keep-alive handler with the responder answering every request with {@code s}. */
    static EmbeddedHttp serving(Servable s, StreamTraffic traffic) {
        return new EmbeddedHttp(p -> p.addLast(new HttpServerCodec(), new HttpServerKeepAliveHandler(),
                new HttpObjectAggregator(1024), new SimpleChannelInboundHandler<FullHttpRequest>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
                        ResourceResponder.respond(ctx, req, s, traffic);
                    }
                }));
    }

    static Stream<Arguments> answers() {
        return Stream.of(
                // method, request headers, status, body, Content-Range, Content-Length
                Arguments.of(GET, new String[0], 200, BODY, WHOLE, 20),
                Arguments.of(HEAD, new String[0], 200, "", WHOLE, 20),
                Arguments.of(GET, new String[] {"If-None-Match", ETAG}, 304, "", WHOLE, 20),
                Arguments.of(HEAD, new String[] {"If-None-Match", ETAG}, 304, "", WHOLE, 20),
                Arguments.of(GET, new String[] {"If-None-Match", "W/" + ETAG}, 304, "", WHOLE, 20),
                Arguments.of(GET, new String[] {"If-None-Match", "\"other\", " + ETAG}, 304, "", WHOLE, 20),
                Arguments.of(GET, new String[] {"If-None-Match", "*"}, 304, "", WHOLE, 20),
                Arguments.of(GET, new String[] {"If-None-Match", "\"other\""}, 200, BODY, WHOLE, 20),
                // RFC 9110 §13.2.2: If-None-Match decides alone when present.
                Arguments.of(GET, new String[] {"If-None-Match", "\"other\"", "If-Modified-Since", AFTER}, 200, BODY,
                        WHOLE, 20),
                Arguments.of(GET, new String[] {"If-Modified-Since", AT_MODIFIED}, 304, "", WHOLE, 20),
                Arguments.of(GET, new String[] {"If-Modified-Since", AFTER}, 304, "", WHOLE, 20),
                Arguments.of(GET, new String[] {"If-Modified-Since", BEFORE}, 200, BODY, WHOLE, 20),
                Arguments.of(GET, new String[] {"If-Modified-Since", "yesterday-ish"}, 200, BODY, WHOLE, 20),
                Arguments.of(GET, new String[] {"Range", "bytes=0-9"}, 206, "0123456789", "bytes 0-9/20", 10),
                Arguments.of(GET, new String[] {"Range", "bytes=10-"}, 206, "abcdefghij", "bytes 10-19/20", 10),
                Arguments.of(GET, new String[] {"Range", "bytes=-5"}, 206, "fghij", "bytes 15-19/20", 5),
                Arguments.of(GET, new String[] {"Range", "bytes=15-100"}, 206, "fghij", "bytes 15-19/20", 5),
                Arguments.of(GET, new String[] {"Range", "bytes=19-19"}, 206, "j", "bytes 19-19/20", 1),
                Arguments.of(GET, new String[] {"Range", "bytes=20-"}, 416, "", "bytes */20", 0),
                Arguments.of(GET, new String[] {"Range", "bytes=-0"}, 416, "", "bytes */20", 0),
                Arguments.of(GET, new String[] {"Range", "bytes=0-1,5-6"}, 200, BODY, WHOLE, 20),
                Arguments.of(GET, new String[] {"Range", "pages=1"}, 200, BODY, WHOLE, 20),
                Arguments.of(HEAD, new String[] {"Range", "bytes=0-9"}, 200, "", WHOLE, 20),
                Arguments.of(GET, new String[] {"Range", "bytes=0-9", "If-Range", ETAG}, 206, "0123456789",
                        "bytes 0-9/20", 10),
                Arguments.of(GET, new String[] {"Range", "bytes=0-9", "If-Range", "\"stale\""}, 200, BODY, WHOLE, 20),
                // If-Range compares strongly (RFC 9110 §13.1.5): a weak tag never matches.
                Arguments.of(GET, new String[] {"Range", "bytes=0-9", "If-Range", "W/" + ETAG}, 200, BODY, WHOLE, 20),
                Arguments.of(GET, new String[] {"Range", "bytes=0-9", "If-None-Match", ETAG}, 304, "", WHOLE, 20));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("answers")
    void answersWithValidatorsRangesAndCacheHeaders(HttpMethod method, String[] headers, int status, String body,
                                                   String contentRange, int contentLength) {
        EmbeddedHttp http = serving(RESOURCE);

        List<Answer> answers = http.exchange(request(HTTP_1_1, method, "/live/cam/s1.ts", headers));

        assertThat(answers).singleElement().satisfies(a -> {
            assertThat(a.status().code()).isEqualTo(status);
            assertThat(a.text()).isEqualTo(body);
            assertThat(a.header(HttpHeaderNames.CONTENT_RANGE)).isEqualTo(contentRange);
            assertThat(a.header(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo(Integer.toString(contentLength));
            assertThat(a.keepsAlive()).isTrue();
            if (status == 416) {
                assertThat(a.header(HttpHeaderNames.CACHE_CONTROL)).isEqualTo(CachePolicy.ERROR);
            } else {
                assertThat(a.header(HttpHeaderNames.ETAG)).isEqualTo(ETAG);
                assertThat(a.header(HttpHeaderNames.CACHE_CONTROL)).isEqualTo(CACHE);
                assertThat(a.header(HttpHeaderNames.LAST_MODIFIED)).isEqualTo(AT_MODIFIED);
                assertThat(a.header(HttpHeaderNames.DATE)).isNotNull();
            }
            if (status == 200 || status == 206) {
                assertThat(a.header(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("video/mp2t");
                assertThat(a.header(HttpHeaderNames.ACCEPT_RANGES)).isEqualTo("bytes");
            }
        });
        assertThat(http.isOpen()).as("a 304 keeps the connection as a 200 does").isTrue();
        assertThat(traffic.requests()).isEqualTo(1);
        assertThat(traffic.notModifiedCount()).isEqualTo(status == 304 ? 1 : 0);
        assertThat(traffic.bytesOut()).isEqualTo(body.length());
        String cache = switch (status) {
            case 304 -> OriginTraffic.REVALIDATED;
            case 416 -> OriginTraffic.NONE;
            default -> OriginTraffic.MEMORY;
        };
        assertThat(counted()).as("counted by status and cache result")
                .containsExactly(new OriginTraffic("cam", status, cache, 1, body.length()));
        http.close();
    }

    @Test
    void sendsSmallFilesInOneBufferAndLargeOnesAsFileRegions() throws IOException {
        byte[] small = randomBytes((int) ResourceResponder.COPY_LIMIT);
        byte[] large = randomBytes((int) ResourceResponder.COPY_LIMIT + 1);
        Path smallFile = Files.write(dir.resolve("small.ts"), small);
        Path largeFile = Files.write(dir.resolve("large.ts"), large);

        for (byte[] bytes : List.of(small, large)) {
            Path file = bytes == small ? smallFile : largeFile;
            EmbeddedHttp http = serving(Servable.ofFile(new Servable.OnDisk(file, bytes.length), MODIFIED,
                    "video/mp2t", CachePolicy.SEGMENT));

            List<Answer> answers = http.exchange(request(HTTP_1_1, GET, "/vod/films/a.ts"),
                    request(HTTP_1_1, GET, "/vod/films/a.ts", "Range", "bytes=100-"),
                    request(HTTP_1_1, HEAD, "/vod/films/a.ts"));

            assertThat(answers).extracting(a -> a.status().code()).containsExactly(200, 206, 200);
            assertThat(answers.get(0).body()).isEqualTo(bytes);
            assertThat(answers.get(1).body()).hasSize(bytes.length - 100)
                    .isEqualTo(Arrays.copyOfRange(bytes, 100, bytes.length));
            assertThat(answers.get(2).body()).isEmpty();
            assertThat(answers.get(2).header(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo(Integer.toString(bytes.length));
            assertThat(http.isOpen()).isTrue();
            http.close();
        }
        long both = ResourceResponder.COPY_LIMIT * 2 + 1;
        assertThat(counted()).as("read from disk, by status").containsExactlyInAnyOrder(
                new OriginTraffic("cam", 200, OriginTraffic.DISK, 4, both),
                new OriginTraffic("cam", 206, OriginTraffic.DISK, 2, both - 200));
    }

    @Test
    void aFileGoneSinceItWasListedIs404AndTheConnectionGoesOn() {
        EmbeddedHttp http = serving(Servable.ofFile(new Servable.OnDisk(dir.resolve("gone.ts"), 10), MODIFIED,
                "video/mp2t", CachePolicy.SEGMENT));

        List<Answer> answers = http.exchange(request(HTTP_1_1, GET, "/vod/films/gone.ts"));

        assertThat(answers).singleElement().satisfies(a -> {
            assertThat(a.status().code()).isEqualTo(404);
            assertThat(a.text()).contains("no longer available");
            assertThat(a.header(HttpHeaderNames.CACHE_CONTROL)).isEqualTo(CachePolicy.ERROR);
        });
        assertThat(http.isOpen()).isTrue();
        assertThat(counted()).containsExactly(new OriginTraffic("cam", 404, OriginTraffic.DISK, 1, 0));
        http.close();
    }

    private List<OriginTraffic> counted() {
        List<OriginTraffic> out = new ArrayList<>();
        traffic.addTo("cam", out);
        return out;
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }
}
