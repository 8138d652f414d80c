package org.webp2p.server.origin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.webp2p.server.origin.OriginFixture.digestLine;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.webp2p.protocol.admin.StreamStats;
import org.webp2p.server.MutableClock;

/**
 * Each built-in demo loops a short clip forever; caches and peers key segments by URI, so no two
 * loops may share one. Walked over more than two loops of each clip on a clock the test moves.
 */
class DemoLoopsTest {
    private static final Pattern SEQUENCE = Pattern.compile("#EXT-X-MEDIA-SEQUENCE:(\\d+)");
    private static final Pattern ENTRY = Pattern.compile("(#EXT-X-WEBP2P-DIGEST:[^\\n]+)\\n#EXTINF:[^\\n]+\\n(s\\d+\\.ts)");

    @TempDir
    Path dataDir;

    private OriginFixture fx;

    @AfterEach
    void stop() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void theLightDemoOffersTwoAlignedRenditionsInAMasterPlaylist() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:09Z"));
        fx = new OriginFixture(dataDir, clock, Map.of());

        HttpResponse<byte[]> master = fx.get("/live/demo/master.m3u8", "Origin", "https://player.example");
        assertThat(master.statusCode()).isEqualTo(200);
        assertThat(master.headers().firstValue("content-type")).contains(MediaTypes.PLAYLIST);
        assertThat(master.headers().firstValue("access-control-allow-origin")).contains("*");
        assertThat(master.headers().firstValue("cache-control")).contains(CachePolicy.livePlaylist(2));
        String text = new String(master.body(), StandardCharsets.UTF_8);
        assertThat(text).matches("""
                #EXTM3U
                #EXT-X-VERSION:3
                #EXT-X-INDEPENDENT-SEGMENTS
                #EXT-X-STREAM-INF:BANDWIDTH=2\\d{5},AVERAGE-BANDWIDTH=1\\d{5},RESOLUTION=320x180,CODECS="avc1.42c00c,mp4a.40.2"
                180p/index.m3u8
                #EXT-X-STREAM-INF:BANDWIDTH=\\d{5,6},AVERAGE-BANDWIDTH=\\d{5},RESOLUTION=160x90,CODECS="avc1.42c00b,mp4a.40.2"
                90p/index.m3u8
                """);
        String own = fx.text("/live/demo/index.m3u8");
        String high = fx.text("/live/demo/180p/index.m3u8");
        String low = fx.text("/live/demo/90p/index.m3u8");
        assertThat(high).as("180p is the demo's own clip").isEqualTo(own);
        assertThat(low.replaceAll("#EXT-X-WEBP2P-DIGEST:[^\\n]+", ""))
                .as("the same sequence numbers and durations at the same instant")
                .isEqualTo(own.replaceAll("#EXT-X-WEBP2P-DIGEST:[^\\n]+", ""));
        Matcher last = Pattern.compile("(s\\d+\\.ts)\\n$").matcher(low);
        assertThat(last.find()).isTrue();
        assertThat(fx.get("/live/demo/90p/" + last.group(1)).body()).isNotEqualTo(fx.get("/live/demo/" + last.group(1)).body());
        assertThat(TsProbe.probe(fx.get("/live/demo/90p/" + last.group(1)).body()).resolution())
                .contains(new MediaFormat.Resolution(160, 90));
        assertThat(fx.get("/live/demo-hd/master.m3u8").statusCode()).as("demo-hd has one rendition").isEqualTo(404);
        assertThat(fx.get("/live/demo/720p/index.m3u8").statusCode()).isEqualTo(404);
    }

    @ParameterizedTest
    @CsvSource({"demo, 4", "demo-hd, 16"})
    void everyLoopGetsSegmentUrisOfItsOwnWithTheMediaSequenceGoingOnAndRightDigests(String stream, int clipSegments)
            throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:01Z"));
        fx = new OriginFixture(dataDir, clock, Map.of());
        long previousSequence = -1;
        Map<String, String> digestByUri = new HashMap<>();
        Map<Integer, Set<String>> urisByClipSegment = new HashMap<>();
        // Two and a half loops, one segment (2 s) at a time.
        for (int step = 0; step < clipSegments * 5 / 2; step++) {
            String playlist = fx.text("/live/" + stream + "/index.m3u8");
            Matcher m = SEQUENCE.matcher(playlist);
            assertThat(m.find()).isTrue();
            long sequence = Long.parseLong(m.group(1));
            assertThat(sequence).as("the media sequence never goes back").isGreaterThanOrEqualTo(previousSequence);
            previousSequence = sequence;
            Matcher entries = ENTRY.matcher(playlist);
            String newestUri = null;
            String newestDigest = null;
            long listed = sequence;
            while (entries.find()) {
                String uri = entries.group(2);
                assertThat(uri).as("named by its own media sequence number").isEqualTo("s" + listed + ".ts");
                String before = digestByUri.putIfAbsent(uri, entries.group(1));
                assertThat(before).as("a URI keeps its bytes while listed").isIn(null, entries.group(1));
                urisByClipSegment.computeIfAbsent((int) (listed % clipSegments), k -> new HashSet<>()).add(uri);
                newestUri = uri;
                newestDigest = entries.group(1);
                listed++;
            }
            assertThat(newestUri).isNotNull();
            HttpResponse<byte[]> segment = fx.get("/live/" + stream + "/" + newestUri);
            assertThat(segment.statusCode()).isEqualTo(200);
            assertThat(digestLine(segment.body())).as("the digest the playlist published").isEqualTo(newestDigest);
            clock.advance(Duration.ofSeconds(2));
        }

        assertThat(urisByClipSegment).hasSize(clipSegments);
        assertThat(urisByClipSegment.values()).as("each clip segment, loop after loop, under new URIs")
                .allSatisfy(uris -> assertThat(uris.size()).isGreaterThanOrEqualTo(2));
        assertThat(new HashSet<>(digestByUri.values())).as("no two loops carry the same bytes (timestamps move on)")
                .hasSameSizeAs(digestByUri.keySet());
    }

    @Test
    void theHdDemoIsAFullRenditionOfRealBitrate() throws Exception {
        fx = new OriginFixture(dataDir, Map.of());
        assertThat(fx.origin.streams()).extracting(StreamStats::name).containsSubsequence("demo", "demo-hd");
        String playlist = fx.text("/live/demo-hd/index.m3u8");
        List<String> uris = playlist.lines().filter(l -> l.endsWith(".ts")).toList();
        long total = 0;
        for (String uri : uris) {
            total += fx.get("/live/demo-hd/" + uri).body().length;
        }
        long kbps = total * 8 / 1000 / (uris.size() * 2L);
        assertThat(kbps).as("near 1.5 Mbit/s").isBetween(1_300L, 1_700L);
    }

    @Test
    void aDemoStreamReportsItsBitrateListedSegmentsAndTheAgeOfItsNewestLikeAPublishedOne() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:09Z"));
        fx = new OriginFixture(dataDir, clock, Map.of());
        StreamStats hd = fx.origin.streams().stream().filter(s -> s.name().equals("demo-hd")).findFirst().orElseThrow();
        int listed = (int) fx.text("/live/demo-hd/index.m3u8").lines().filter(l -> l.endsWith(".ts")).count();

        assertThat(hd.ingestBitrate()).as("the clip's average, near 1.5 Mbit/s").isBetween(1_300_000L, 1_700_000L);
        assertThat(hd.segments()).isEqualTo(listed).isPositive();
        assertThat(hd.lastSegmentAge()).hasValueSatisfying(age -> assertThat(age).isBetween(Duration.ZERO, Duration.ofSeconds(2)));
        clock.advance(Duration.ofMillis(700));
        Duration later = fx.origin.streams().stream().filter(s -> s.name().equals("demo-hd")).findFirst().orElseThrow()
                .lastSegmentAge().orElseThrow();
        Duration before = hd.lastSegmentAge().get();
        assertThat(later).as("the same newest segment 0.7 s older, or a newer one completed since")
                .satisfiesAnyOf(a -> assertThat(a).isEqualTo(before.plusMillis(700)),
                        a -> assertThat(a).isLessThan(Duration.ofMillis(700)));
    }
}
