package org.webp2p.server.origin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.webp2p.server.origin.OriginFixture.digestLine;
import static org.webp2p.server.origin.OriginFixture.segmentBytes;
import static org.webp2p.server.origin.OriginFixture.withoutDates;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webp2p.protocol.admin.StreamStats;
import org.webp2p.server.MutableClock;

class OriginServiceTest {
    @TempDir
    Path dataDir;

    private OriginFixture fx;

    @AfterEach
    void close() {
        if (fx != null) {
            fx.close();
        }
    }

    private OriginFixture start(Map<String, String> settings) throws Exception {
        fx = new OriginFixture(dataDir, settings);
        return fx;
    }

    /** The playlist ffmpeg uploads after segment {@code last}, listing up to three. */
    private static String encoderPlaylist(int first, int last, String ext, boolean ended) {
        StringBuilder p = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n")
                .append("#EXT-X-MEDIA-SEQUENCE:").append(first).append('\n');
        if (ext.equals(".m4s")) {
            p.append("#EXT-X-MAP:URI=\"init.mp4\"\n");
        }
        for (int i = first; i <= last; i++) {
            p.append("#EXTINF:2.000000,\nindex").append(i).append(ext).append('\n');
        }
        return p.append(ended ? "#EXT-X-ENDLIST\n" : "").toString();
    }

    /** Uploads segments {@code from..to} and a playlist after each, as ffmpeg does. */
    private void publish(String stream, int from, int to, boolean endAtLast) throws Exception {
        for (int i = from; i <= to; i++) {
            HttpResponse<String> segment = fx.put(stream, "index" + i + ".ts", segmentBytes("seg" + i, 1000 + i));
            assertThat(segment.statusCode()).isEqualTo(204);
            boolean ended = endAtLast && i == to;
            assertThat(fx.put(stream, "index.m3u8", encoderPlaylist(Math.max(from, i - 2), i, ".ts", ended))
                    .statusCode()).isEqualTo(204);
        }
    }

    private static long mediaSequence(String playlist) {
        Matcher m = Pattern.compile("#EXT-X-MEDIA-SEQUENCE:(\\d+)").matcher(playlist);
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** The playlist as a player without digest support reads it. */
    private static String withoutDigests(String playlist) {
        return playlist.replaceAll("#EXT-X-WEBP2P-DIGEST:.*\n", "");
    }

    private static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    @Test
    void playsBackPublishedSegmentsUnderTheOriginsOwnNames() throws Exception {
        start(Map.of());
        publish("cam", 0, 1, false);

        HttpResponse<byte[]> playlist = fx.get("/live/cam/index.m3u8");
        assertThat(playlist.statusCode()).isEqualTo(200);
        assertThat(header(playlist, "content-type")).isEqualTo("application/vnd.apple.mpegurl");
        assertThat(header(playlist, "cache-control")).isEqualTo("public, max-age=1");
        assertThat(new String(playlist.body(), StandardCharsets.UTF_8)).as("a date on each segment")
                .containsOnlyOnce("s0.ts\n#EXT-X-PROGRAM-DATE-TIME:").startsWith("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n"
                        + "#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PROGRAM-DATE-TIME:");
        assertThat(withoutDates(new String(playlist.body(), StandardCharsets.UTF_8))).isEqualTo("""
                #EXTM3U
                #EXT-X-VERSION:3
                #EXT-X-TARGETDURATION:2
                #EXT-X-MEDIA-SEQUENCE:0
                %s
                #EXTINF:2.000000,
                s0.ts
                %s
                #EXTINF:2.000000,
                s1.ts
                """.formatted(digestLine(segmentBytes("seg0", 1000)), digestLine(segmentBytes("seg1", 1001))));

        HttpResponse<byte[]> segment = fx.get("/live/cam/s1.ts");
        assertThat(segment.statusCode()).isEqualTo(200);
        assertThat(segment.body()).isEqualTo(segmentBytes("seg1", 1001));
        assertThat(header(segment, "content-type")).isEqualTo("video/mp2t");
        assertThat(header(segment, "content-length")).isEqualTo("1001");
        assertThat(header(segment, "cache-control")).isEqualTo("public, max-age=31536000, immutable");
        assertThat(header(segment, "etag")).startsWith("\"").endsWith("\"");
        assertThat(header(segment, "last-modified")).isNotNull();
        assertThat(header(segment, "date")).isNotNull();
        assertThat(dataDir.resolve("origin/live/cam/s1.ts")).hasBinaryContent(segmentBytes("seg1", 1001));
    }

    @Test
    void answersNotModifiedWhenTheClientHasTheSameEntity() throws Exception {
        start(Map.of());
        publish("cam", 0, 0, false);
        String etag = header(fx.get("/live/cam/s0.ts"), "etag");
        String playlistTag = header(fx.get("/live/cam/index.m3u8"), "etag");

        HttpResponse<byte[]> segment = fx.get("/live/cam/s0.ts", "If-None-Match", etag);
        HttpResponse<byte[]> playlist = fx.get("/live/cam/index.m3u8", "If-None-Match", "\"other\", " + playlistTag);
        HttpResponse<byte[]> changed = fx.get("/live/cam/s0.ts", "If-None-Match", "\"stale\"");

        assertThat(segment.statusCode()).isEqualTo(304);
        assertThat(segment.body()).isEmpty();
        assertThat(header(segment, "etag")).isEqualTo(etag);
        assertThat(playlist.statusCode()).isEqualTo(304);
        assertThat(changed.statusCode()).isEqualTo(200);
        StreamStats cam = fx.origin.streams().stream().filter(s -> s.name().equals("cam")).findFirst().orElseThrow();
        assertThat(cam.requests()).isEqualTo(5);
        assertThat(cam.notModified()).isEqualTo(2);
        assertThat(cam.notModifiedRatio()).isEqualTo(0.4);
        assertThat(fx.origin.metrics()).containsEntry("not-modified", 2L);
    }

    @Test
    void answersNotModifiedSinceTheLastModifiedTimeWhenNoEtagIsGiven() throws Exception {
        start(Map.of());
        publish("cam", 0, 0, false);
        String lastModified = header(fx.get("/live/cam/s0.ts"), "last-modified");

        assertThat(fx.get("/live/cam/s0.ts", "If-Modified-Since", lastModified).statusCode()).isEqualTo(304);
        assertThat(fx.get("/live/cam/s0.ts", "If-Modified-Since", "Thu, 01 Jan 1970 00:00:00 GMT").statusCode())
                .isEqualTo(200);
    }

    @Test
    void servesOneByteRangeAndRefusesARangePastTheEnd() throws Exception {
        start(Map.of());
        publish("cam", 0, 0, false);

        HttpResponse<byte[]> part = fx.get("/live/cam/s0.ts", "Range", "bytes=10-19");
        HttpResponse<byte[]> tooFar = fx.get("/live/cam/s0.ts", "Range", "bytes=5000-");

        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(segmentBytes("seg0", 1000), 10, 20));
        assertThat(header(part, "content-range")).isEqualTo("bytes 10-19/1000");
        assertThat(tooFar.statusCode()).isEqualTo(416);
        assertThat(header(tooFar, "content-range")).isEqualTo("bytes */1000");
    }

    @Test
    void answersHeadWithTheHeadersOfGet() throws Exception {
        start(Map.of());
        publish("cam", 0, 0, false);

        HttpResponse<byte[]> head = fx.http.send(HttpRequest.newBuilder(fx.uri("/live/cam/s0.ts"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(header(head, "content-length")).isEqualTo("1000");
        assertThat(head.body()).isEmpty();
    }

    @Test
    void refusesAWrongKeyOrAPlaylistWithoutKeyAndWritesNothing() throws Exception {
        start(Map.of());

        HttpResponse<String> wrong = fx.send("PUT", "/live/cam/index0.ts?key=guess", segmentBytes("x", 100));
        HttpResponse<String> missing = fx.send("PUT", "/live/cam/index.m3u8", encoderPlaylist(0, 0, ".ts", false)
                .getBytes(StandardCharsets.UTF_8));

        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).contains("publish key");
        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(dataDir.resolve("origin/live/cam")).doesNotExist();
        assertThat(fx.get("/live/cam/index.m3u8").statusCode()).isEqualTo(404);
        assertThat(fx.origin.metrics()).containsEntry("rejected.forbidden", 2L);
    }

    @Test
    void aSegmentUploadedWithoutTheKeyIsNeverTakenEvenWhenAKeyedPlaylistListsIt() throws Exception {
        start(Map.of());
        HttpResponse<String> anonymous = fx.send("PUT", "/live/cam/index0.ts", segmentBytes("evil", 1000));
        fx.put("cam", "index1.ts", segmentBytes("seg1", 1000));

        fx.put("cam", "index.m3u8", encoderPlaylist(0, 1, ".ts", false));

        assertThat(anonymous.statusCode()).isEqualTo(403);
        assertThat(anonymous.body()).contains("/ingest/<key>/cam/index.m3u8");
        assertThat(fx.text("/live/cam/index.m3u8")).as("waits for index0.ts from the encoder").doesNotContain(".ts");
        fx.put("cam", "index0.ts", segmentBytes("seg0", 1000));
        assertThat(fx.get("/live/cam/s0.ts").body()).isEqualTo(segmentBytes("seg0", 1000));
        assertThat(fx.get("/live/cam/s1.ts").body()).isEqualTo(segmentBytes("seg1", 1000));
    }

    @Test
    void aKeyInTheQueryAuthorisesOnlyItsOwnRequest() throws Exception {
        start(Map.of());

        assertThat(fx.send("PUT", "/live/cam/index0.ts?key=" + OriginFixture.KEY, segmentBytes("seg0", 1000))
                .statusCode()).isEqualTo(204);
        assertThat(fx.send("PUT", "/live/cam/index.m3u8?key=" + OriginFixture.KEY,
                encoderPlaylist(0, 1, ".ts", false).getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(204);
        assertThat(fx.send("PUT", "/live/cam/index1.ts", segmentBytes("seg1", 1000)).statusCode()).isEqualTo(403);

        assertThat(fx.text("/live/cam/index.m3u8")).contains("s0.ts").doesNotContain("s1.ts");
    }

    @Test
    void takesAKeyWithCharactersEscapedInThePath() throws Exception {
        start(Map.of("origin.stream.cam.key", "a/b+c d"));

        assertThat(fx.send("PUT", "/ingest/a%2Fb+c%20d/cam/index0.ts", new byte[10]).statusCode()).isEqualTo(204);
        assertThat(fx.send("PUT", "/ingest/a%2Fb%2Bc+d/cam/index0.ts", new byte[10]).statusCode()).isEqualTo(403);
    }

    @Test
    void takesTheKeyFromTheHeaderToo() throws Exception {
        start(Map.of());

        HttpResponse<String> r = fx.http.send(HttpRequest.newBuilder(fx.uri("/live/cam/index0.ts"))
                .header("X-Publish-Key", OriginFixture.KEY)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(segmentBytes("x", 10))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(204);
    }

    @Test
    void takesPostLikePut() throws Exception {
        start(Map.of());

        fx.send("POST", fx.publishUrl("cam", "index0.ts"), segmentBytes("seg0", 1000));
        fx.send("POST", fx.publishUrl("cam", "index.m3u8"),
                encoderPlaylist(0, 0, ".ts", false).getBytes(StandardCharsets.UTF_8));

        assertThat(fx.get("/live/cam/s0.ts").body()).isEqualTo(segmentBytes("seg0", 1000));
    }

    @Test
    void aStreamsOwnKeyReplacesThePublishKeyForThatStreamOnly() throws Exception {
        start(Map.of("origin.stream.special.key", "special-secret"));

        assertThat(fx.put("special", "index0.ts", "x").statusCode()).isEqualTo(403);
        assertThat(fx.send("PUT", "/ingest/special-secret/special/index0.ts", new byte[10]).statusCode())
                .isEqualTo(204);
        assertThat(fx.put("other", "index0.ts", "x").statusCode()).isEqualTo(204);
    }

    @Test
    void refusesUploadsLargerThanMaxUploadWhetherSizedOrChunked() throws Exception {
        start(Map.of("origin.max-upload", "1KB"));

        HttpResponse<String> sized = fx.put("cam", "index0.ts", new byte[2048]);
        HttpResponse<String> chunked = fx.http.send(HttpRequest.newBuilder(fx.uri(fx.publishUrl("cam", "index1.ts")))
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[4096]))).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> fits = fx.put("cam", "index2.ts", new byte[1024]);

        assertThat(sized.statusCode()).isEqualTo(413);
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(fits.statusCode()).isEqualTo(204);
        assertThat(fx.origin.metrics()).containsEntry("rejected.too-large", 2L);
    }

    @Test
    void acceptsAChunkedUpload() throws Exception {
        start(Map.of());
        byte[] data = segmentBytes("chunked", 100_000);

        HttpResponse<String> r = fx.http.send(HttpRequest.newBuilder(fx.uri(fx.publishUrl("cam", "index0.ts")))
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(data))).build(),
                HttpResponse.BodyHandlers.ofString());
        fx.put("cam", "index.m3u8", encoderPlaylist(0, 0, ".ts", false));

        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(fx.get("/live/cam/s0.ts").body()).isEqualTo(data);
    }

    @Test
    void answers404ForUnknownStreamsAndSegments() throws Exception {
        start(Map.of());
        publish("cam", 0, 0, false);

        assertThat(fx.get("/live/nobody/index.m3u8").statusCode()).isEqualTo(404);
        assertThat(fx.get("/live/cam/s9.ts").statusCode()).isEqualTo(404);
        assertThat(fx.get("/live/cam/index0.ts").statusCode()).isEqualTo(404);
        assertThat(fx.get("/vod/none/a.ts").statusCode()).isEqualTo(404);
        assertThat(header(fx.get("/live/cam/s9.ts"), "cache-control")).isEqualTo("no-store");
    }

    @Test
    void refusesTraversalPlainOrEncodedAndWritesNothingOutside() throws Exception {
        Path vod = Files.createDirectories(dataDir.resolve("vodroot/movies"));
        Files.writeString(dataDir.resolve("vodroot/secret.ts"), "secret");
        start(Map.of("origin.vod-roots", vod.toString()));
        String key = "?key=" + OriginFixture.KEY;

        List<String> gets = List.of("/live/cam/../../../etc/passwd", "/live/cam/..%2F..%2F..%2Fetc%2Fpasswd",
                "/vod/movies/../secret.ts", "/vod/movies/%2e%2e/secret.ts", "/vod/movies/%2E%2E%2Fsecret.ts",
                "/vod/movies/..\\secret.ts", "/live/cam/%00.ts");
        for (String path : gets) {
            assertThat(rawStatus("GET", path)).as(path).isEqualTo(400);
        }
        List<String> puts = List.of("/live/cam/..%2F..%2Fevil.ts" + key, "/live/cam/../evil.ts" + key,
                "/live/..%2Fevil/index0.ts" + key, "/live/cam/%2e%2e%2f%2e%2e%2fevil.ts" + key,
                "/ingest/" + OriginFixture.KEY + "/cam/..%2F..%2Fevil.ts", "/ingest/" + OriginFixture.KEY + "/../../evil.ts");
        for (String path : puts) {
            assertThat(rawStatus("PUT", path)).as(path).isEqualTo(400);
        }
        try (Stream<Path> all = Files.walk(dataDir)) {
            assertThat(all.filter(p -> p.getFileName().toString().contains("evil"))).isEmpty();
        }
        assertThat(fx.origin.metrics().get("rejected.bad-path").longValue()).isEqualTo(gets.size() + puts.size());
    }

    /** Sends the request line exactly as written: HttpClient would refuse or normalise some of these. */
    private int rawStatus(String method, String path) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), fx.origin.boundAddresses().get(0).getPort())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            String request = method + " " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n"
                    + "Connection: close\r\n\r\nevil";
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
            return Integer.parseInt(status.substring(9, 12));
        }
    }

    @Test
    void marksTheStreamEndedWhenTheEncoderFallsSilent() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        fx = new OriginFixture(dataDir, clock, Map.of("origin.ended-after", "1s"));
        publish("cam", 0, 1, false);
        assertThat(fx.text("/live/cam/index.m3u8")).doesNotContain("#EXT-X-ENDLIST");

        // The silence passes on the origin's clock; its periodic check notices it on its own thread.
        clock.advance(Duration.ofMillis(1001));
        String ended = awaitPlaylistContaining("cam", "#EXT-X-ENDLIST", Duration.ofSeconds(5));

        assertThat(ended).contains("s0.ts", "s1.ts");
        assertThat(header(fx.get("/live/cam/index.m3u8"), "cache-control")).isEqualTo("public, max-age=3600");
        assertThat(fx.get("/live/cam/s1.ts").body()).isEqualTo(segmentBytes("seg1", 1001));
        assertThat(fx.origin.streams()).anySatisfy(s -> {
            assertThat(s.name()).isEqualTo("cam");
            assertThat(s.kind()).isEqualTo(StreamStats.Kind.ENDED);
            assertThat(s.segments()).isEqualTo(2);
            assertThat(s.ingestBitrate()).isEqualTo((1000 + 1001) * 8 / 4);
        });
    }

    private String awaitPlaylistContaining(String stream, String text, Duration limit) {
        return await().atMost(limit).until(() -> fx.text("/live/" + stream + "/index.m3u8"), containsString(text));
    }

    @Test
    void keepsAnEndedStreamAcrossARestart() throws Exception {
        start(Map.of());
        publish("cam", 0, 2, true);
        String before = fx.text("/live/cam/index.m3u8");
        assertThat(before).endsWith("#EXT-X-ENDLIST\n");

        fx.restart();

        assertThat(fx.text("/live/cam/index.m3u8")).isEqualTo(before);
        assertThat(fx.get("/live/cam/s2.ts").body()).isEqualTo(segmentBytes("seg2", 1002));
        assertThat(fx.get("/live/cam/s2.ts", "Range", "bytes=-2").body())
                .isEqualTo("se".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void listsOnlyTheLiveWindowAndKeepsRecentlyDroppedSegmentsFetchable() throws Exception {
        start(Map.of("origin.live-window", "3"));
        publish("cam", 0, 7, false);

        String playlist = fx.text("/live/cam/index.m3u8");

        assertThat(mediaSequence(playlist)).isEqualTo(5);
        assertThat(playlist).contains("s5.ts", "s6.ts", "s7.ts").doesNotContain("s4.ts");
        assertThat(fx.get("/live/cam/s2.ts").statusCode()).isEqualTo(200);
        assertThat(fx.get("/live/cam/s1.ts").statusCode()).isEqualTo(404);
        assertThat(dataDir.resolve("origin/live/cam/s1.ts")).doesNotExist();
    }

    @Test
    void waitsForASegmentThatArrivesAfterThePlaylistListingIt() throws Exception {
        start(Map.of());
        fx.put("cam", "index0.ts", segmentBytes("seg0", 1000));
        fx.put("cam", "index.m3u8", encoderPlaylist(0, 1, ".ts", true));
        assertThat(fx.text("/live/cam/index.m3u8")).contains("s0.ts").doesNotContain("s1.ts", "#EXT-X-ENDLIST");

        fx.put("cam", "index1.ts", segmentBytes("seg1", 1001));

        String playlist = fx.text("/live/cam/index.m3u8");
        assertThat(playlist).contains("s0.ts", "s1.ts", "#EXT-X-ENDLIST").doesNotContain("DISCONTINUITY");
        assertThat(fx.get("/live/cam/s1.ts").body()).isEqualTo(segmentBytes("seg1", 1001));
    }

    @Test
    void skipsASegmentTheEncoderStoppedListingBeforeItArrived() throws Exception {
        start(Map.of());
        publish("cam", 0, 0, false);
        fx.put("cam", "index.m3u8", encoderPlaylist(0, 1, ".ts", false));
        fx.put("cam", "index2.ts", segmentBytes("seg2", 1002));

        fx.put("cam", "index.m3u8", encoderPlaylist(2, 2, ".ts", false));

        assertThat(withoutDigests(withoutDates(fx.text("/live/cam/index.m3u8"))))
                .contains("s0.ts\n#EXT-X-DISCONTINUITY\n#EXTINF:2.000000,\ns1.ts");
        assertThat(fx.get("/live/cam/s1.ts").body()).isEqualTo(segmentBytes("seg2", 1002));
    }

    @Test
    void ignoresAnOlderPlaylistThatOvertookANewerOne() throws Exception {
        start(Map.of());
        publish("cam", 0, 2, false);
        String before = fx.text("/live/cam/index.m3u8");

        fx.put("cam", "index.m3u8", encoderPlaylist(0, 1, ".ts", false));
        assertThat(fx.text("/live/cam/index.m3u8")).isEqualTo(before);
        publish("cam", 3, 3, false);

        assertThat(withoutDigests(withoutDates(fx.text("/live/cam/index.m3u8")))).contains("s2.ts\n#EXTINF:2.000000,\ns3.ts")
                .doesNotContain("DISCONTINUITY");
    }

    @Test
    void aRestartedEncoderGetsNewNamesAfterADiscontinuity() throws Exception {
        start(Map.of());
        publish("cam", 0, 1, false);
        byte[] fresh = segmentBytes("again", 700);

        fx.put("cam", "index0.ts", fresh);
        fx.put("cam", "index.m3u8", encoderPlaylist(0, 0, ".ts", false));

        String playlist = withoutDigests(withoutDates(fx.text("/live/cam/index.m3u8")));
        assertThat(playlist).contains("s1.ts\n#EXT-X-DISCONTINUITY\n#EXTINF:2.000000,\ns2.ts");
        assertThat(fx.get("/live/cam/s2.ts").body()).isEqualTo(fresh);
        assertThat(fx.get("/live/cam/s0.ts").body()).isEqualTo(segmentBytes("seg0", 1000));
    }

    @Test
    void servesAnFmp4StreamWithItsInitSegment() throws Exception {
        start(Map.of());
        byte[] init = segmentBytes("ftypmoov", 600);
        fx.put("cam", "init.mp4", init);
        fx.put("cam", "index0.m4s", segmentBytes("moof0", 900));
        fx.put("cam", "index1.m4s", segmentBytes("moof1", 900));
        fx.put("cam", "index.m3u8", encoderPlaylist(0, 1, ".m4s", false));

        String playlist = fx.text("/live/cam/index.m3u8");

        assertThat(playlist).contains("#EXT-X-VERSION:6\n", "#EXT-X-MAP:URI=\"init0.mp4\"\n", "s0.m4s", "s1.m4s");
        HttpResponse<byte[]> map = fx.get("/live/cam/init0.mp4");
        assertThat(map.body()).isEqualTo(init);
        assertThat(header(map, "content-type")).isEqualTo("video/mp4");
        assertThat(header(fx.get("/live/cam/s1.m4s"), "content-type")).isEqualTo("video/iso.segment");
    }

    @Test
    void anEncoderDeleteDoesNotPullASegmentPlayersMayStillNeed() throws Exception {
        start(Map.of());
        publish("cam", 0, 1, false);

        HttpResponse<String> delete = fx.send("DELETE", fx.publishUrl("cam", "index0.ts"), new byte[0]);

        assertThat(delete.statusCode()).isEqualTo(204);
        assertThat(fx.get("/live/cam/s0.ts").statusCode()).isEqualTo(200);
    }

    @Test
    void refusesAPlaylistItCannotReadAndSaysWhy() throws Exception {
        start(Map.of());

        HttpResponse<String> r = fx.put("cam", "index.m3u8", "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nlow.m3u8\n");
        HttpResponse<String> otherName = fx.put("cam", "live.m3u8", encoderPlaylist(0, 0, ".ts", false));
        HttpResponse<String> notMedia = fx.put("cam", "run.sh", "echo");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("master playlist");
        assertThat(otherName.statusCode()).isEqualTo(400);
        assertThat(notMedia.statusCode()).isEqualTo(400);
        assertThat(fx.origin.metrics()).containsEntry("rejected.bad-playlist", 1L)
                .containsEntry("rejected.not-media", 2L);
    }

    @Test
    void refusesPublishingOverTheDemoStream() throws Exception {
        start(Map.of());

        assertThat(fx.put("demo", "index0.ts", "x").statusCode()).isEqualTo(409);
        assertThat(fx.send("PATCH", "/live/demo/index.m3u8", new byte[0]).statusCode()).isEqualTo(405);
    }

    @Test
    void servesTheDemoStreamWithAMediaSequenceThatFollowsTheClock() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:01Z"));
        fx = new OriginFixture(dataDir, clock, Map.of());

        String first = fx.text("/live/demo/index.m3u8");
        clock.advance(Duration.ofSeconds(16));
        String later = fx.text("/live/demo/index.m3u8");

        assertThat(mediaSequence(later) - mediaSequence(first)).isEqualTo(8);
        List<String> lines = later.lines().toList();
        String newest = lines.get(lines.size() - 1);
        assertThat(newest).isEqualTo("s" + (mediaSequence(later) + 9) + ".ts");
        assertThat(later).contains(newest).doesNotContain("DISCONTINUITY");
        HttpResponse<byte[]> segment = fx.get("/live/demo/" + newest);
        assertThat(segment.statusCode()).isEqualTo(200);
        assertThat(later).contains(digestLine(segment.body()) + "\n#EXTINF:");
        assertThat(header(segment, "content-type")).isEqualTo("video/mp2t");
        assertThat(segment.body()[0]).isEqualTo((byte) 0x47); // MPEG-TS sync byte
        assertThat(fx.origin.streams()).anySatisfy(s -> {
            assertThat(s.kind()).isEqualTo(StreamStats.Kind.DEMO);
            assertThat(s.requests()).isEqualTo(3);
        });
    }

    @Test
    void addsTheDigestsOfVodSegmentsInsideTheRootOnly() throws Exception {
        Path film = Files.createDirectories(dataDir.resolve("media/movies/film"));
        Files.write(film.resolve("a.ts"), segmentBytes("first", 700));
        Files.write(film.resolve("b.ts"), segmentBytes("second", 900));
        Files.write(dataDir.resolve("outside.ts"), segmentBytes("private", 300));
        Files.writeString(film.resolve("index.m3u8"), "#EXTM3U\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-TARGETDURATION:6\n"
                + "#EXTINF:6.0,\na.ts\n#EXTINF:6.0,\nb.ts\n#EXTINF:6.0,\n../../../outside.ts\n#EXT-X-ENDLIST\n");
        start(Map.of("origin.vod-roots", dataDir.resolve("media/movies").toString()));

        String playlist = await("digests computed in the background").atMost(Duration.ofSeconds(5))
                .until(() -> fx.text("/vod/movies/film/index.m3u8"),
                        allOf(containsString("b.ts\n"), containsString(digestLine(segmentBytes("second", 900)))));

        assertThat(withoutDigests(playlist)).as("otherwise as written").isEqualTo(Files.readString(film.resolve("index.m3u8")));
        assertThat(playlist).contains(digestLine(segmentBytes("first", 700)) + "\n#EXTINF:6.0,\na.ts\n")
                .contains(digestLine(segmentBytes("second", 900)) + "\n#EXTINF:6.0,\nb.ts\n")
                .doesNotContain(digestLine(segmentBytes("private", 300)));
        assertThat(header(fx.get("/vod/movies/film/index.m3u8"), "cache-control"))
                .as("a segment outside the root never gets a digest, so the playlist stays short-lived")
                .isEqualTo("public, max-age=10");
    }

    @Test
    void servesVodRootsAsTheyAreAndNothingOutsideThem() throws Exception {
        Path movies = Files.createDirectories(dataDir.resolve("media/movies/film"));
        Files.writeString(movies.resolve("index.m3u8"), "#EXTM3U\n#EXT-X-ENDLIST\n");
        Files.write(movies.resolve("a.ts"), segmentBytes("vod", 500));
        Path outside = Files.writeString(dataDir.resolve("outside.ts"), "private");
        Files.createSymbolicLink(movies.resolve("link.ts"), outside);
        Files.createSymbolicLink(movies.resolve("escape"), dataDir);
        start(Map.of("origin.vod-roots", dataDir.resolve("media/movies").toString()));

        HttpResponse<byte[]> playlist = fx.get("/vod/movies/film/index.m3u8");
        HttpResponse<byte[]> segment = fx.get("/vod/movies/film/a.ts");
        String etag = header(segment, "etag");

        assertThat(playlist.statusCode()).isEqualTo(200);
        assertThat(header(playlist, "cache-control")).isEqualTo("public, max-age=86400");
        assertThat(segment.body()).isEqualTo(segmentBytes("vod", 500));
        assertThat(fx.get("/vod/movies/film/a.ts", "If-None-Match", etag).statusCode()).isEqualTo(304);
        assertThat(fx.get("/vod/movies/film/a.ts", "Range", "bytes=0-2").body())
                .isEqualTo("vod".getBytes(StandardCharsets.US_ASCII));
        assertThat(fx.get("/vod/movies/film/link.ts").statusCode()).isEqualTo(404);
        assertThat(fx.get("/vod/movies/film/escape/outside.ts").statusCode()).isEqualTo(404);
        assertThat(fx.get("/vod/movies/film").statusCode()).isEqualTo(404);
        assertThat(fx.origin.streams()).anySatisfy(s -> {
            assertThat(s.name()).isEqualTo("movies");
            assertThat(s.kind()).isEqualTo(StreamStats.Kind.VOD);
            assertThat(s.requests()).isEqualTo(4);
        });
    }

    @Test
    void sendsLargeFilesWholeAndInRanges() throws Exception {
        Path movies = Files.createDirectories(dataDir.resolve("movies"));
        byte[] big = segmentBytes("0123456789abcdef", (int) ResourceResponder.COPY_LIMIT * 3 + 7);
        Files.write(movies.resolve("big.ts"), big);
        start(Map.of("origin.vod-roots", movies.toString()));

        HttpResponse<byte[]> whole = fx.get("/vod/movies/big.ts");
        HttpResponse<byte[]> tail = fx.get("/vod/movies/big.ts", "Range", "bytes=200000-");

        assertThat(whole.body()).isEqualTo(big);
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(big, 200_000, big.length));
        assertThat(fx.origin.metrics()).containsEntry("bytes-out", (long) big.length * 2 - 200_000);
    }

    @Test
    void answersCorsPreflightsAndMarksResponsesForOtherOrigins() throws Exception {
        start(Map.of());

        HttpResponse<String> preflight = fx.http.send(HttpRequest.newBuilder(fx.uri("/live/demo/index.m3u8"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://player.example")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "range").build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<byte[]> get = fx.get("/live/demo/index.m3u8", "Origin", "https://player.example");

        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(header(preflight, "access-control-allow-origin")).isEqualTo("*");
        assertThat(header(preflight, "access-control-allow-methods")).contains("GET");
        assertThat(header(preflight, "access-control-allow-headers")).containsIgnoringCase("range");
        assertThat(header(get, "access-control-allow-origin")).isEqualTo("*");
        assertThat(String.join(",", get.headers().allValues("access-control-expose-headers")))
                .containsIgnoringCase("content-range");
    }

    @Test
    void allowsOnlyTheConfiguredOrigins() throws Exception {
        start(Map.of("origin.cors-origins", "https://a.example, https://b.example"));

        HttpResponse<byte[]> allowed = fx.get("/live/demo/index.m3u8", "Origin", "https://b.example");
        HttpResponse<byte[]> other = fx.get("/live/demo/index.m3u8", "Origin", "https://evil.example");

        assertThat(header(allowed, "access-control-allow-origin")).isEqualTo("https://b.example");
        assertThat(header(other, "access-control-allow-origin")).isNull();
    }

    @Test
    void makesAPublishKeyAtFirstStartAndKeepsIt() throws Exception {
        fx = new OriginFixture(dataDir, Map.of("origin.publish-key", ""));
        String key = fx.origin.publishKey().orElseThrow();

        fx.restart();

        assertThat(key).hasSizeGreaterThanOrEqualTo(20).matches("[A-Za-z0-9_-]+");
        assertThat(fx.origin.publishKey()).contains(key);
        assertThat(fx.send("PUT", "/ingest/" + key + "/cam/index0.ts", new byte[10]).statusCode()).isEqualTo(204);
        assertThat(fx.put("cam", "index1.ts", "x").statusCode()).isEqualTo(403);
    }

    @Test
    void servesManyRequestsOverOneKeptAliveConnection() throws Exception {
        start(Map.of());
        List<String> lines = fx.text("/live/demo/index.m3u8").lines().toList();
        String segment = lines.get(lines.size() - 1);
        for (int i = 0; i < 20; i++) {
            assertThat(fx.get("/live/demo/" + segment).statusCode()).isEqualTo(200);
        }

        assertThat(fx.origin.metrics()).containsEntry("connections", 1);
    }
}
