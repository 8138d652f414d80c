package org.webp2p.server.origin;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webp2p.server.EmbeddedHttp;
import org.webp2p.server.EmbeddedHttp.Answer;

/**
 * Live segments sit in pooled, reference-counted buffers: a segment's memory goes back to the pool
 * once the window has let it go and the last response still being written from it is done, never
 * before (the bytes stay exact) and never not at all (no leak).
 */
class LiveSegmentBuffersTest {
    private static final int WINDOW = 2;
    private static final Duration TWO_SECONDS = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    private final Random random = new Random(16);
    private final StreamTraffic traffic = new StreamTraffic();
    private LiveStream stream;

    @BeforeEach
    void publisherOnAir() throws Exception {
        stream = LiveStream.create("cam", new StreamFiles(dir), StreamProfiles.uniform(WINDOW),
                Clock.fixed(Instant.parse("2026-12-07T02:00:00Z"), ZoneOffset.UTC));
        stream.claim(InetAddress.getLoopbackAddress(), Duration.ofSeconds(10));
    }

    @Test
    void aSegmentLeavingTheWindowWhileASlowClientIsSentItArrivesWholeAndIsThenFreed() throws IOException {
        byte[] first = segment(300_000);
        stream.append(first, TWO_SECONDS);
        Servable s0 = served("s0.ts");
        PooledBytes bytes = (PooledBytes) s0.body();
        try (EmbeddedHttp http = serving(s0)) {
            // The answer is queued on the connection, not yet read: a client that reads slowly.
            http.server().writeInbound(Unpooled.copiedBuffer("GET /live/cam/s0.ts HTTP/1.1\r\nHost: origin.test\r\n"
                    + "Range: bytes=1000-\r\n\r\n", StandardCharsets.ISO_8859_1));
            slideOut("s0.ts");
            assertThat(bytes.refCnt()).as("held by the response alone").isEqualTo(1);

            List<Answer> answers = http.answers();

            assertThat(answers).singleElement().satisfies(a -> {
                assertThat(a.status().code()).isEqualTo(206);
                assertThat(a.body()).isEqualTo(Arrays.copyOfRange(first, 1000, first.length));
                assertThat(a.header(HttpHeaderNames.CONTENT_RANGE)).isEqualTo("bytes 1000-299999/300000");
                assertThat(a.header(HttpHeaderNames.ETAG)).isEqualTo(s0.etag());
            });
            assertThat(bytes.refCnt()).as("back in the pool").isZero();
            // A request that found the segment just before it left gets what the window says now.
            assertThat(http.exchangeRaw("GET /live/cam/s0.ts HTTP/1.1\r\nHost: origin.test\r\n\r\n"))
                    .singleElement().satisfies(a -> {
                        assertThat(a.status().code()).isEqualTo(404);
                        assertThat(a.text()).contains("no longer available");
                    });
        }
    }

    @Test
    void aSegmentNobodyIsReadingIsFreedAsItLeavesTheWindow() throws IOException {
        stream.append(segment(50_000), TWO_SECONDS);
        PooledBytes bytes = (PooledBytes) served("s0.ts").body();
        assertThat(bytes.refCnt()).isEqualTo(1);

        slideOut("s0.ts");

        assertThat(bytes.refCnt()).isZero();
    }

    @Test
    void aResponseWhoseClientWentAwayGivesItsSegmentBack() throws IOException {
        stream.append(segment(50_000), TWO_SECONDS);
        Servable s0 = served("s0.ts");
        PooledBytes bytes = (PooledBytes) s0.body();
        EmbeddedHttp http = serving(s0);
        http.server().writeInbound(Unpooled.copiedBuffer("GET /live/cam/s0.ts HTTP/1.1\r\nHost: origin.test\r\n\r\n",
                StandardCharsets.ISO_8859_1));
        slideOut("s0.ts");
        assertThat(bytes.refCnt()).isEqualTo(1);

        // The connection closes with the answer unsent: the channel releases what it had queued.
        http.server().finishAndReleaseAll();

        assertThat(bytes.refCnt()).isZero();
    }

    @Test
    void anEndedStreamServesFromDiskAndGivesItsMemoryBack() throws IOException {
        byte[] first = segment(40_000);
        stream.append(first, TWO_SECONDS);
        PooledBytes bytes = (PooledBytes) served("s0.ts").body();

        stream.release();

        assertThat(bytes.refCnt()).isZero();
        Servable fromDisk = served("s0.ts");
        assertThat(fromDisk.body()).isInstanceOf(Servable.OnDisk.class);
        try (EmbeddedHttp http = serving(fromDisk)) {
            assertThat(http.exchangeRaw("GET /live/cam/s0.ts HTTP/1.1\r\nHost: origin.test\r\n\r\n"))
                    .singleElement().satisfies(a -> assertThat(a.body()).isEqualTo(first));
        }
    }

    @Test
    void aRequestThatFoundTheSegmentInMemoryJustBeforeTheStreamEndedGetsItFromDisk() throws IOException {
        byte[] first = segment(40_000);
        stream.append(first, TWO_SECONDS);
        Servable found = served("s0.ts");

        stream.release();

        try (EmbeddedHttp http = serving(found)) {
            assertThat(http.exchangeRaw("GET /live/cam/s0.ts HTTP/1.1\r\nHost: origin.test\r\nRange: bytes=100-199\r\n\r\n"))
                    .singleElement().satisfies(a -> {
                        assertThat(a.status().code()).isEqualTo(206);
                        assertThat(a.body()).isEqualTo(Arrays.copyOfRange(first, 100, 200));
                        assertThat(a.header(HttpHeaderNames.ETAG)).isEqualTo(found.etag());
                    });
        }
    }

    @Test
    void aStoppingOriginGivesTheWholeWindowBack() throws IOException {
        stream.append(segment(40_000), TWO_SECONDS);
        stream.append(segment(40_000), TWO_SECONDS);
        List<PooledBytes> live = List.of((PooledBytes) served("s0.ts").body(), (PooledBytes) served("s1.ts").body());

        stream.close();

        assertThat(live).allSatisfy(b -> assertThat(b.refCnt()).isZero());
    }

    private void slideOut(String uri) throws IOException {
        while (stream.view().orElseThrow().files().containsKey(uri)) {
            stream.append(segment(1_000), TWO_SECONDS);
        }
    }

    private Servable served(String uri) {
        return stream.view().orElseThrow().resolve(uri).orElseThrow();
    }

    private byte[] segment(int size) {
        byte[] b = new byte[size];
        random.nextBytes(b);
        return b;
    }

    private EmbeddedHttp serving(Servable s) {
        return ResourceResponderTest.serving(s, traffic);
    }
}
