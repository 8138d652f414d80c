package org.webp2p.server.origin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.webp2p.server.origin.OriginFixture.digestLine;
import static org.webp2p.server.origin.OriginFixture.segmentBytes;
import static org.webp2p.server.origin.OriginFixture.withoutDates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webp2p.protocol.admin.StreamStats;
import org.webp2p.server.HostTools;
import org.webp2p.server.MutableClock;
import org.webp2p.server.rtmp.media.FlvFile;
import org.webp2p.server.rtmp.media.FlvToTsSegmenter;

/**
 * A real origin on a loopback port over real files, published to through {@link LiveIngest} as the
 * RTMP service does, and read back over HTTP as players read it.
 */
class LiveIngestTest {
    private static final InetAddress FROM = InetAddress.getLoopbackAddress();
    private static final String CAM_KEY = "cam-own-key";
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dataDir;

    private OriginFixture fx;

    @AfterEach
    void close() {
        if (fx != null) {
            fx.close();
        }
    }

    private LiveIngest start(Map<String, String> settings) throws Exception {
        fx = new OriginFixture(dataDir, settings);
        return fx.origin.liveIngest();
    }

    private static void done(CompletableFuture<Void> f) throws Exception {
        f.get(5, TimeUnit.SECONDS);
    }

    private static Throwable failure(CompletableFuture<Void> f) throws Exception {
        try {
            f.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("completed without failing");
    }

    private StreamStats cam() {
        return fx.origin.streams().stream().filter(s -> s.name().equals("cam")).findFirst().orElseThrow();
    }

    private String playlist(String stream) throws Exception {
        return fx.text("/live/" + stream + "/index.m3u8");
    }

    @Test
    void appendedSegmentsAreServedUnderTheOriginsNamesWithDigestsAndATargetDurationThatCoversThem()
            throws Exception {
        LiveIngest ingest = start(Map.of());
        done(ingest.begin("cam", FROM));
        done(ingest.append("cam", segmentBytes("rtmp0", 1500), Duration.ofMillis(2000)));
        done(ingest.append("cam", segmentBytes("rtmp1", 1600), Duration.ofMillis(2000)));
        done(ingest.append("cam", segmentBytes("rtmp2", 1700), Duration.ofMillis(2560)));

        assertThat(withoutDates(playlist("cam"))).isEqualTo("""
                #EXTM3U
                #EXT-X-VERSION:3
                #EXT-X-TARGETDURATION:3
                #EXT-X-MEDIA-SEQUENCE:0
                %s
                #EXTINF:2.000000,
                s0.ts
                %s
                #EXTINF:2.000000,
                s1.ts
                %s
                #EXTINF:2.560000,
                s2.ts
                """.formatted(digestLine(segmentBytes("rtmp0", 1500)), digestLine(segmentBytes("rtmp1", 1600)),
                digestLine(segmentBytes("rtmp2", 1700))));
        assertThat(fx.get("/live/cam/s1.ts").body()).isEqualTo(segmentBytes("rtmp1", 1600));
        assertThat(fx.get("/live/cam/s1.ts").headers().firstValue("content-type")).contains("video/mp2t");
        assertThat(dataDir.resolve("origin/live/cam/s2.ts")).hasBinaryContent(segmentBytes("rtmp2", 1700));
        assertThat(fx.origin.streams()).anySatisfy(s -> {
            assertThat(s.name()).isEqualTo("cam");
            assertThat(s.segments()).isEqualTo(3);
            assertThat(s.ingest()).contains(StreamStats.Ingest.RTMP);
            assertThat(s.ingestBitrate()).isEqualTo((1500 + 1600 + 1700) * 8 * 1000L / 6560);
        });
    }

    @Test
    void theLiveWindowSlidesAndOldSegmentsLeaveTheDisk() throws Exception {
        LiveIngest ingest = start(Map.of("origin.live-window", "2"));
        done(ingest.begin("cam", FROM));
        for (int i = 0; i < 6; i++) {
            done(ingest.append("cam", segmentBytes("rtmp" + i, 1000), Duration.ofSeconds(2)));
        }

        String listed = playlist("cam");
        assertThat(listed).contains("#EXT-X-MEDIA-SEQUENCE:4", "s4.ts", "s5.ts").doesNotContain("s3.ts");
        assertThat(fx.get("/live/cam/s3.ts").statusCode()).as("retired, still fetchable").isEqualTo(200);
        assertThat(fx.get("/live/cam/s1.ts").statusCode()).isEqualTo(404);
        assertThat(dataDir.resolve("origin/live/cam/s1.ts")).doesNotExist();
    }

    @Test
    void endListsEndlistAndTheNextBeginStartsANewPeriodAfterADiscontinuity() throws Exception {
        LiveIngest ingest = start(Map.of());
        done(ingest.begin("cam", FROM));
        done(ingest.append("cam", segmentBytes("a", 1000), Duration.ofSeconds(2)));
        done(ingest.end("cam"));

        assertThat(playlist("cam")).endsWith("s0.ts\n#EXT-X-ENDLIST\n");

        done(ingest.begin("cam", FROM));
        assertThat(playlist("cam")).as("ended until the new publisher's first segment").endsWith("#EXT-X-ENDLIST\n");
        done(ingest.append("cam", segmentBytes("b", 1000), Duration.ofSeconds(2)));

        String resumed = playlist("cam");
        assertThat(resumed).doesNotContain("#EXT-X-ENDLIST");
        assertThat(resumed).contains("s0.ts\n#EXT-X-DISCONTINUITY\n#EXT-X-PROGRAM-DATE-TIME:");
        assertThat(resumed).endsWith("s1.ts\n");
    }

    @Test
    void aSecondPublisherIsRefusedWhileTheFirstHoldsTheStreamAndTheFirstGoesOn() throws Exception {
        LiveIngest ingest = start(Map.of());
        done(ingest.begin("cam", FROM));
        done(ingest.append("cam", segmentBytes("a", 1000), Duration.ofSeconds(2)));

        assertThat(failure(ingest.begin("cam", FROM))).isInstanceOf(StreamBusyException.class)
                .hasMessage("stream cam is already being published");

        done(ingest.append("cam", segmentBytes("b", 1000), Duration.ofSeconds(2)));
        assertThat(playlist("cam")).contains("s0.ts", "s1.ts").doesNotContain("DISCONTINUITY");
        done(ingest.end("cam"));
        done(ingest.begin("cam", FROM));
    }

    @Test
    void aPublisherIsRefusedWhileAnHttpEncoderIsLiveAndLetInOnceItHasGoneSilent() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        fx = new OriginFixture(dataDir, clock, Map.of("origin.ended-after", "10s"));
        LiveIngest ingest = fx.origin.liveIngest();
        assertThat(fx.put("cam", "index0.ts", segmentBytes("http", 1000)).statusCode()).isEqualTo(204);
        assertThat(fx.put("cam", "index.m3u8", "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.0,\nindex0.ts\n")
                .statusCode()).isEqualTo(204);

        assertThat(failure(ingest.begin("cam", FROM))).isInstanceOf(StreamBusyException.class);
        assertThat(cam().ingest()).contains(StreamStats.Ingest.HTTP);

        clock.advance(Duration.ofSeconds(11));
        done(ingest.begin("cam", FROM));
        assertThat(cam().ingest()).contains(StreamStats.Ingest.RTMP);
        done(ingest.append("cam", segmentBytes("rtmp", 1000), Duration.ofSeconds(2)));
        assertThat(playlist("cam")).contains("s0.ts\n#EXT-X-DISCONTINUITY\n").endsWith("s1.ts\n");
    }

    @Test
    void httpUploadsAreRefusedWithAConflictWhileAnRtmpPublisherHoldsTheStream() throws Exception {
        LiveIngest ingest = start(Map.of());
        done(ingest.begin("cam", FROM));
        done(ingest.append("cam", segmentBytes("rtmp", 1000), Duration.ofSeconds(2)));

        var segment = fx.put("cam", "index0.ts", segmentBytes("http", 1000));
        var listing = fx.put("cam", "index.m3u8", "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.0,\nindex0.ts\n");

        assertThat(segment.statusCode()).isEqualTo(409);
        assertThat(listing.statusCode()).isEqualTo(409);
        assertThat(listing.body()).contains("stream cam is already being published");
        assertThat(fx.origin.metrics()).containsEntry("rejected.busy", 2L);
        assertThat(playlist("cam")).contains("s0.ts").doesNotContain("s1.ts");
        assertThat(fx.get("/live/cam/s0.ts").body()).isEqualTo(segmentBytes("rtmp", 1000));
    }

    @Test
    void silenceEndsTheStreamAndThePublisherThatStillHoldsItResumesAfterADiscontinuity() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        fx = new OriginFixture(dataDir, clock, Map.of("origin.ended-after", "1s"));
        LiveIngest ingest = fx.origin.liveIngest();
        done(ingest.begin("cam", FROM));
        done(ingest.append("cam", segmentBytes("a", 1000), Duration.ofSeconds(2)));

        clock.advance(Duration.ofMillis(1001));
        await().atMost(WAIT).until(() -> playlist("cam"), containsString("#EXT-X-ENDLIST"));

        assertThat(failure(ingest.begin("cam", FROM))).as("the claim outlives the silence")
                .isInstanceOf(StreamBusyException.class);
        done(ingest.append("cam", segmentBytes("b", 1000), Duration.ofSeconds(2)));
        assertThat(playlist("cam")).doesNotContain("#EXT-X-ENDLIST").contains("s0.ts\n#EXT-X-DISCONTINUITY\n");
    }

    @Test
    void appendingWithoutBeginningIsRefusedAndEndingAStreamNobodyHoldsChangesNothing() throws Exception {
        LiveIngest ingest = start(Map.of());

        assertThat(failure(ingest.append("cam", segmentBytes("a", 1000), Duration.ofSeconds(2))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("has to be begun first");
        done(ingest.end("cam"));

        // An HTTP encoder's stream is not ended by an end() from a publisher that never held it.
        assertThat(fx.put("web", "index0.ts", segmentBytes("http", 1000)).statusCode()).isEqualTo(204);
        assertThat(fx.put("web", "index.m3u8", "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.0,\nindex0.ts\n")
                .statusCode()).isEqualTo(204);
        done(ingest.end("web"));
        assertThat(playlist("web")).doesNotContain("#EXT-X-ENDLIST");
        assertThat(failure(ingest.append("web", segmentBytes("a", 1000), Duration.ofSeconds(2))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void authorisesTheOriginKeyWithANameAStreamsOwnKeyWithItsNameOrAlone() throws Exception {
        LiveIngest ingest = start(Map.of("origin.stream.cam.key", CAM_KEY));

        assertThat(ingest.authorise("news", OriginFixture.KEY)).contains("news");
        assertThat(ingest.authorise("cam", CAM_KEY)).contains("cam");
        assertThat(ingest.authorise(CAM_KEY, "")).contains("cam");
        assertThat(ingest.authorise("cam", OriginFixture.KEY)).as("cam has its own key").isEmpty();
        assertThat(ingest.authorise("news", CAM_KEY)).isEmpty();
        assertThat(ingest.authorise("news", "wrong")).isEmpty();
        assertThat(ingest.authorise(OriginFixture.KEY, "")).as("the origin key names no stream").isEmpty();
        assertThat(ingest.authorise("news", "")).isEmpty();
        assertThat(ingest.authorise("demo", OriginFixture.KEY)).as("built in").isEmpty();
        assertThat(ingest.authorise("../etc", OriginFixture.KEY)).isEmpty();
        assertThat(ingest.authorise("a.b", OriginFixture.KEY)).isEmpty();
        assertThat(failure(ingest.begin("../etc", FROM))).isInstanceOf(IllegalArgumentException.class);
        assertThat(failure(ingest.begin("demo", FROM))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void publishedNamesWithAHeightSuffixAreRenditionsListedInTheMasterPlaylistAlsoAfterARestart() throws Exception {
        LiveIngest ingest = start(Map.of("origin.stream.cam_720p.key", CAM_KEY));
        assertThat(ingest.authorise("show_720p", OriginFixture.KEY)).contains("show/720p");
        assertThat(ingest.authorise("show_720p", "wrong")).isEmpty();
        assertThat(ingest.authorise("cam_720p", CAM_KEY)).as("a name with its own key stays a stream").contains("cam_720p");
        assertThat(ingest.authorise("demo_720p", OriginFixture.KEY)).as("the demo is built in").isEmpty();
        byte[] hd = demoSegment("demo-hd/demo-hd0.ts");
        byte[] light = demoSegment("demo/demo0.ts");
        for (String rendition : List.of("show/720p", "show/180p")) {
            done(ingest.begin(rendition, FROM));
        }
        done(ingest.append("show/720p", hd, Duration.ofSeconds(2)));
        done(ingest.append("show/180p", light, Duration.ofSeconds(2)));
        done(ingest.append("show/180p", segmentBytes("small", 188 * 10), Duration.ofSeconds(2)));

        String master = fx.text("/live/show/master.m3u8");
        assertThat(master).isEqualTo("""
                #EXTM3U
                #EXT-X-VERSION:3
                #EXT-X-INDEPENDENT-SEGMENTS
                #EXT-X-STREAM-INF:BANDWIDTH=%d,AVERAGE-BANDWIDTH=%d,RESOLUTION=1280x720,CODECS="%s,mp4a.40.2"
                720p/index.m3u8
                #EXT-X-STREAM-INF:BANDWIDTH=%d,AVERAGE-BANDWIDTH=%d,RESOLUTION=320x180,CODECS="avc1.42c00c,mp4a.40.2"
                180p/index.m3u8
                """.formatted(hd.length * 4L, hd.length * 4L, TsProbe.probe(hd).videoCodec().orElseThrow(),
                light.length * 4L, (light.length + 1880) * 2L));
        assertThat(fx.get("/live/show/720p/s0.ts").body()).isEqualTo(hd);
        assertThat(playlist("show/180p")).contains("s0.ts", "s1.ts");
        assertThat(fx.get("/live/show/index.m3u8").statusCode()).as("the stream itself has no media playlist").isEqualTo(404);
        assertThat(fx.get("/live/cam/master.m3u8").statusCode()).as("no renditions, no master").isEqualTo(404);
        assertThat(fx.origin.streams()).extracting(StreamStats::name).contains("show/720p", "show/180p");
        assertThat(fx.origin.entryPath("show")).as("players open the master playlist").contains("/live/show/master.m3u8");
        assertThat(fx.origin.entryPath("show/180p")).contains("/live/show/180p/index.m3u8");
        assertThat(fx.origin.entryPath("cam")).isEmpty();
        assertThat(fx.origin.entryPlaylists()).as("what the tracker hashes browser swarms from")
                .containsEntry("show", master).containsKey("show/180p")
                .containsEntry("demo", fx.text("/live/demo/master.m3u8"));
        assertThat(fx.origin.entryPlaylists().get("demo-hd")).contains("#EXTINF");

        fx.restart();
        assertThat(fx.text("/live/show/master.m3u8")).isEqualTo(master);
    }

    @Test
    void aStreamListsTheRenditionsItsMasterPlaylistListsAndIsPlayedThroughIt() throws Exception {
        LiveIngest ingest = start(Map.of());
        for (String name : List.of("tv", "tv/720p", "tv/360p", "cam")) {
            done(ingest.begin(name, FROM));
        }
        done(ingest.append("tv", demoSegment("demo/demo0.ts"), Duration.ofSeconds(2)));
        done(ingest.append("tv/720p", demoSegment("demo-hd/demo-hd0.ts"), Duration.ofSeconds(2)));
        done(ingest.append("cam", demoSegment("demo/demo0.ts"), Duration.ofSeconds(2)));

        StreamStats tv = stats("tv");
        assertThat(tv.renditions()).as("360p has no segments, so the master playlist leaves it out").containsExactly("720p");
        assertThat(tv.playlistPath()).isEqualTo("/live/tv/master.m3u8");
        assertThat(fx.text(tv.playlistPath())).contains("720p/index.m3u8").doesNotContain("360p");
        assertThat(stats("cam").renditions()).isEmpty();
        assertThat(stats("cam").playlistPath()).isEqualTo("/live/cam/index.m3u8");
        assertThat(stats("tv/720p").renditions()).isEmpty();
        assertThat(stats("demo").renditions()).containsExactly("180p", "90p");
    }

    private StreamStats stats(String name) {
        return fx.origin.streams().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static byte[] demoSegment(String resource) throws Exception {
        try (InputStream in = DemoStream.class.getResourceAsStream(resource)) {
            return in.readAllBytes();
        }
    }

    @Test
    void segmentsAreDatedByArrivalAndSegmentsFasterThanRealTimeFollowOnFromTheOneBefore() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-07T03:00:00Z"));
        fx = new OriginFixture(dataDir, clock, Map.of());
        LiveIngest ingest = fx.origin.liveIngest();
        done(ingest.begin("cam", FROM));
        done(ingest.append("cam", segmentBytes("a", 100), Duration.ofSeconds(2)));
        done(ingest.append("cam", segmentBytes("b", 100), Duration.ofSeconds(2)));
        clock.advance(Duration.ofSeconds(10));
        done(ingest.append("cam", segmentBytes("c", 100), Duration.ofSeconds(2)));
        done(ingest.end("cam"));
        clock.advance(Duration.ofSeconds(1));
        done(ingest.begin("cam", FROM));
        done(ingest.append("cam", segmentBytes("d", 100), Duration.ofSeconds(2)));

        assertThat(playlist("cam").lines().filter(l -> l.startsWith("#EXT-X-PROGRAM-DATE-TIME:"))).containsExactly(
                "#EXT-X-PROGRAM-DATE-TIME:2026-12-07T02:59:58.000Z",
                "#EXT-X-PROGRAM-DATE-TIME:2026-12-07T03:00:00.000Z",
                "#EXT-X-PROGRAM-DATE-TIME:2026-12-07T03:00:08.000Z",
                "#EXT-X-PROGRAM-DATE-TIME:2026-12-07T03:00:09.000Z");
    }

    @Test
    void aStoppedOriginAuthorisesNobodyAndARestartedOneForgetsTheClaims() throws Exception {
        LiveIngest ingest = start(Map.of());
        done(ingest.begin("cam", FROM));
        done(ingest.append("cam", segmentBytes("a", 1000), Duration.ofSeconds(2)));

        fx.origin.stop();
        assertThat(ingest.authorise("cam", OriginFixture.KEY)).isEmpty();
        assertThat(failure(ingest.begin("cam", FROM))).isInstanceOf(IllegalStateException.class)
                .hasMessage("the origin is stopped");
        assertThat(failure(ingest.append("cam", segmentBytes("b", 1000), Duration.ofSeconds(2))))
                .isInstanceOf(IllegalStateException.class);

        fx.origin.start(fx.context());
        assertThat(fx.origin.liveIngest()).isSameAs(ingest);
        assertThat(failure(ingest.append("cam", segmentBytes("b", 1000), Duration.ofSeconds(2))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("has to be begun first");
        done(ingest.begin("cam", FROM));
        done(ingest.append("cam", segmentBytes("b", 1000), Duration.ofSeconds(2)));
        assertThat(playlist("cam")).contains("s0.ts\n#EXT-X-DISCONTINUITY\n").endsWith("s1.ts\n");
    }

    @Test
    void flvTagsSegmentedAndAppendedPlayFromTheOriginsUrl(@TempDir Path clipDir) throws Exception {
        boolean installed = HostTools.runs("ffmpeg", "-version") && HostTools.runs("ffprobe", "-version");
        HostTools.require("the RTMP media path test",
                installed ? List.of() : List.of("ffmpeg and ffprobe (apt-get install -y ffmpeg)"));
        LiveIngest ingest = start(Map.of());
        List<FlvFile.Tag> tags = FlvFile.read(FlvFile.make(clipDir, 6, List.of()));
        done(ingest.begin("cam", FROM));
        List<CompletableFuture<Void>> appended = new ArrayList<>();
        FlvToTsSegmenter segmenter = new FlvToTsSegmenter(Duration.ofSeconds(2),
                (ts, duration) -> appended.add(ingest.append("cam", ts, duration)));
        for (FlvFile.Tag tag : tags) {
            tag.sendTo(segmenter);
        }
        segmenter.finish();
        for (CompletableFuture<Void> f : appended) {
            done(f);
        }
        done(ingest.end("cam"));

        assertThat(playlist("cam")).contains("#EXT-X-TARGETDURATION:2", "s2.ts", "#EXT-X-ENDLIST");
        Process probe = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries",
                "stream=codec_name:format=duration", "-of", "json", fx.uri("/live/cam/index.m3u8").toString()).start();
        String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(probe.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(err).isEmpty();
        JsonNode json = new ObjectMapper().readTree(out);
        List<String> codecs = new ArrayList<>();
        json.path("streams").forEach(s -> codecs.add(s.path("codec_name").asText()));
        assertThat(codecs).containsExactlyInAnyOrder("h264", "aac");
        assertThat(json.path("format").path("duration").asDouble()).isBetween(5.5, 6.6);
    }
}
