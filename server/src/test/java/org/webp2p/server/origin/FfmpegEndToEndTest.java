package org.webp2p.server.origin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webp2p.server.HostTools;

/**
 * The real encoder and a real player-side reader against the origin: ffmpeg publishes with
 * {@code -f hls -method PUT}, ffprobe reads the stream back from the origin's URL. In CI a missing
 * ffmpeg fails the build; only on a developer's machine may it skip.
 */
class FfmpegEndToEndTest {
    @TempDir
    Path dataDir;

    private OriginFixture fx;

    @BeforeEach
    void requireFfmpeg() throws Exception {
        boolean installed = HostTools.runs("ffmpeg", "-version") && HostTools.runs("ffprobe", "-version");
        HostTools.require("the ffmpeg end-to-end test",
                installed ? List.of() : List.of("ffmpeg and ffprobe (apt-get install -y ffmpeg)"));
        // Should ffmpeg's last playlist be lost, the stream still ends, and the assertions say what is missing.
        fx = new OriginFixture(dataDir, Map.of("origin.ended-after", "3s"));
    }

    @AfterEach
    void close() {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void ffmpegPublishesMpegTsWithTheKeyInThePathAndFfprobeReadsItBack() throws Exception {
        // ffmpeg names each segment relative to the playlist URL's path, so every upload carries the key.
        run(publish(6, List.of(), List.of(), fx.uri("/ingest/" + OriginFixture.KEY + "/e2e/index.m3u8").toString()));

        assertThat(awaitEnded("/live/e2e/index.m3u8")).contains("s0.ts", "s2.ts");
        JsonNode probe = probe("/live/e2e/index.m3u8");
        assertThat(codecs(probe)).contains("h264", "aac");
        assertThat(probe.path("format").path("duration").asDouble()).isBetween(5.5, 6.8);
        assertThat(fx.origin.metrics()).containsEntry("rejected.forbidden", 0L);
    }

    @Test
    void aSegmentWithoutTheKeyIsRefusedOnItsHeadersAndTakesNoPartInTheStream() throws Exception {
        // A stranger offers 32 MB under the name ffmpeg is about to use, and sends only the headers.
        String refusal = answerToHeadersOnly("PUT /live/e2e/index0.ts HTTP/1.1\r\nHost: x\r\n"
                + "Content-Length: 33554432\r\n\r\n");
        assertThat(refusal).startsWith("HTTP/1.1 403 ").contains("publish key", "/ingest/");

        run(publish(4, List.of(), List.of(), fx.uri("/ingest/" + OriginFixture.KEY + "/e2e/index.m3u8").toString()));

        assertThat(awaitEnded("/live/e2e/index.m3u8")).contains("s0.ts", "s1.ts");
        assertThat(fx.get("/live/e2e/s0.ts").body()[0]).as("an MPEG-TS sync byte: ffmpeg's segment").isEqualTo((byte) 0x47);
        assertThat(codecs(probe("/live/e2e/index.m3u8"))).contains("h264", "aac");
        assertThat(fx.origin.metrics()).containsEntry("rejected.forbidden", 1L);
    }

    /** What the origin answers to a request whose body is never sent: only a refusal on the headers comes back. */
    private String answerToHeadersOnly(String head) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), fx.origin.boundAddresses().get(0).getPort())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            byte[] buf = new byte[4096];
            int n = s.getInputStream().read(buf);
            return n < 0 ? "" : new String(buf, 0, n, StandardCharsets.UTF_8);
        }
    }

    @Test
    void ffmpegPublishesFmp4OverOneConnectionWithTheKeyHeaderAndDeletesOldSegments() throws Exception {
        // Paced like a live source: on a kept-alive connection ffmpeg only peeks for answers, and a
        // burst of uploads faster than real time ends in a reset that drops its last requests.
        run(publish(5, List.of("-readrate", "4"), List.of("-hls_segment_type", "fmp4", "-http_persistent", "1",
                "-hls_list_size", "2",
                "-hls_flags", "delete_segments", "-headers", "X-Publish-Key: " + OriginFixture.KEY + "\r\n"),
                fx.uri("/live/e2e/index.m3u8").toString()));

        String playlist = awaitEnded("/live/e2e/index.m3u8");
        // ffmpeg listed two segments at a time; the origin keeps its own, longer window.
        assertThat(playlist).contains("#EXT-X-MAP:URI=\"init0.mp4\"", "s0.m4s", "s1.m4s", "s2.m4s");
        JsonNode probe = probe("/live/e2e/index.m3u8");
        assertThat(codecs(probe)).contains("h264", "aac");
        assertThat(probe.path("format").path("duration").asDouble()).isBetween(4.5, 5.8);
    }

    @Test
    void ffmpegPublishesTwoRenditionsAndFfprobeReadsTheMasterPlaylistAndBothVariants() throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin",
                "-f", "lavfi", "-i", "testsrc=size=320x180:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=44100",
                "-t", "6", "-map", "0:v", "-map", "1:a", "-map", "0:v", "-map", "1:a",
                "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-g", "50", "-sc_threshold", "0",
                "-profile:v:0", "main", "-s:v:0", "320x180", "-b:v:0", "400k",
                "-profile:v:1", "baseline", "-s:v:1", "160x90", "-b:v:1", "100k",
                "-c:a", "aac", "-b:a", "48k",
                "-f", "hls", "-hls_time", "2", "-method", "PUT",
                "-var_stream_map", "v:0,a:0 v:1,a:1", "-master_pl_name", OriginPath.MASTER_PLAYLIST));
        // %v is ffmpeg's placeholder for the variant number, not a percent-escape.
        cmd.add(fx.uri("/ingest/" + OriginFixture.KEY + "/e2e/") + "v%v/index.m3u8");
        run(cmd);

        assertThat(awaitEnded("/live/e2e/v0/index.m3u8")).contains("s0.ts", "s2.ts");
        assertThat(awaitEnded("/live/e2e/v1/index.m3u8")).contains("s0.ts", "s2.ts");
        HttpResponse<byte[]> master = fx.get("/live/e2e/master.m3u8");
        assertThat(master.statusCode()).isEqualTo(200);
        assertThat(master.headers().firstValue("content-type")).contains(MediaTypes.PLAYLIST);
        assertThat(master.headers().firstValue("cache-control")).contains(CachePolicy.ENDED_PLAYLIST);
        String text = new String(master.body(), StandardCharsets.UTF_8);
        // Main profile (0x4d) at level 2.0 and constrained baseline (0x42, flags 0xc0) at 1.2, as x264 chose.
        assertThat(text).contains("RESOLUTION=320x180,CODECS=\"avc1.4d4014", "RESOLUTION=160x90,CODECS=\"avc1.42c00c",
                "mp4a.40.2\"\nv0/index.m3u8", "mp4a.40.2\"\nv1/index.m3u8");
        assertThat(text.indexOf("v0/index.m3u8")).as("the higher bandwidth first").isLessThan(text.indexOf("v1/index.m3u8"));

        JsonNode probe = new ObjectMapper().readTree(run(List.of("ffprobe", "-v", "error", "-show_entries",
                "program=program_id:stream=codec_name,width,height:format=duration,nb_programs", "-of", "json",
                fx.uri("/live/e2e/master.m3u8").toString())));
        assertThat(probe.path("format").path("nb_programs").asInt()).as("one program per variant").isEqualTo(2);
        assertThat(codecs(probe)).containsOnly("h264", "aac").hasSize(4);
        List<Integer> widths = new ArrayList<>();
        probe.path("streams").forEach(s -> {
            if (s.has("width")) {
                widths.add(s.path("width").asInt());
            }
        });
        assertThat(widths).containsExactlyInAnyOrder(320, 160);
        assertThat(probe.path("format").path("duration").asDouble()).isBetween(5.5, 6.8);
        for (String variant : List.of("/live/e2e/v0/index.m3u8", "/live/e2e/v1/index.m3u8")) {
            JsonNode one = probe(variant);
            assertThat(codecs(one)).as(variant).contains("h264", "aac");
            assertThat(one.path("format").path("duration").asDouble()).as(variant).isBetween(5.5, 6.8);
        }
        assertThat(fx.origin.metrics()).containsEntry("rejected.forbidden", 0L).containsEntry("rejected.bad-playlist", 0L);
    }

    /**
     * ffmpeg exits as soon as it has sent its last upload, not when the origin has taken it, so the
     * test polls as a player would until the stream is over.
     */
    private String awaitEnded(String path) {
        AtomicReference<String> ended = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            HttpResponse<byte[]> r = fx.get(path);
            String body = new String(r.body(), StandardCharsets.UTF_8);
            assertThat(r.statusCode()).as("%s: %s; %s", path, body, fx.origin.metrics()).isEqualTo(200);
            assertThat(body).as("ended playlist at %s; %s", path, fx.origin.metrics()).contains("#EXT-X-ENDLIST");
            ended.set(body);
        });
        return ended.get();
    }

    private static List<String> publish(int seconds, List<String> inputOptions, List<String> hlsOptions, String url) {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin"));
        cmd.addAll(inputOptions);
        cmd.addAll(List.of("-f", "lavfi", "-i", "testsrc=size=192x108:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=44100",
                "-t", Integer.toString(seconds),
                "-c:v", "libx264", "-preset", "ultrafast", "-g", "50", "-sc_threshold", "0",
                "-c:a", "aac", "-b:a", "48k",
                "-f", "hls", "-hls_time", "2", "-method", "PUT"));
        cmd.addAll(hlsOptions);
        cmd.add(url);
        return cmd;
    }

    private JsonNode probe(String path) throws Exception {
        String json = run(List.of("ffprobe", "-v", "error", "-show_entries", "stream=codec_name:format=duration",
                "-of", "json", fx.uri(path).toString()));
        return new ObjectMapper().readTree(json);
    }

    private static List<String> codecs(JsonNode probe) {
        List<String> names = new ArrayList<>();
        probe.path("streams").forEach(s -> names.add(s.path("codec_name").asText()));
        return names;
    }

    /** Runs a command to completion and returns its standard output; fails with its output otherwise. */
    private static String run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.PIPE).start();
        byte[] err;
        byte[] out;
        try {
            out = p.getInputStream().readAllBytes();
            err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                fail(cmd.get(0) + " did not finish in 60 s");
            }
        } finally {
            p.destroyForcibly();
        }
        if (p.exitValue() != 0) {
            fail(cmd.get(0) + " exited " + p.exitValue() + ": " + new String(err, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
