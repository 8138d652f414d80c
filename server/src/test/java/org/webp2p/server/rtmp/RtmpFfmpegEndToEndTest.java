package org.webp2p.server.rtmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webp2p.protocol.admin.ServiceEvent;
import org.webp2p.protocol.admin.StreamStats;
import org.webp2p.server.HostTools;
import org.webp2p.server.TestNode;
import org.webp2p.server.origin.OriginService;
import org.webp2p.server.rtmp.media.FlvFile;

/**
 * The real encoder against the RTMP service and a real reader against the origin: ffmpeg publishes
 * a clip with {@code -re -c copy -f flv rtmp://...}, as OBS would a live source, and ffprobe reads
 * the HLS the origin makes of it. In CI a missing ffmpeg fails the build; only on a developer's
 * machine may it skip.
 */
class RtmpFfmpegEndToEndTest {
    private static final String KEY = "rtmp-e2e-publish-key";
    private static final int CLIP_SECONDS = 20;
    private static final double TARGET = 2.0;
    private static Path clip;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Process> started = new ArrayList<>();
    private TestNode node;
    private RtmpService rtmp;

    /** How an ffmpeg run ended: its exit code and what it wrote on standard error. */
    private record Outcome(int exit, String errors) {
    }

    @BeforeAll
    static void makeClip(@TempDir Path dir) throws Exception {
        boolean installed = HostTools.runs("ffmpeg", "-version") && HostTools.runs("ffprobe", "-version");
        HostTools.require("the RTMP end-to-end test", installed ? List.of() : List.of("ffmpeg and ffprobe (apt-get install -y ffmpeg)"));
        clip = FlvFile.make(dir, CLIP_SECONDS, List.of());
    }

    @BeforeEach
    void startNode() throws Exception {
        node = TestNode.open(Map.of("origin.publish-key", KEY, "origin.live-window", "20", "origin.stream.fast.profile", "low-latency",
                "api.enabled", "false", "tracker.enabled", "false", "pingback.enabled", "false", "admin.enabled", "false",
                "rendezvous.enabled", "false", "stun.enabled", "false"));
        node.runtime().services().startAll();
        rtmp = node.runtime().services().service(RtmpService.NAME, RtmpService.class);
    }

    @AfterEach
    void stop() throws Exception {
        started.forEach(Process::destroyForcibly);
        node.close();
    }

    private String rtmpUrl(String pathAndQuery) {
        return "rtmp://127.0.0.1:" + node.address(RtmpService.NAME).getPort() + pathAndQuery;
    }

    private URI originUri(String path) {
        return URI.create("http://127.0.0.1:" + node.address(OriginService.NAME).getPort() + path);
    }

    private Process push(String pathAndQuery, List<String> options) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin"));
        cmd.addAll(options);
        cmd.addAll(List.of("-f", "flv", rtmpUrl(pathAndQuery)));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        started.add(p);
        return p;
    }

    private static List<String> copyOfClip() {
        return List.of("-re", "-i", clip.toString(), "-c", "copy");
    }

    private static Outcome finish(Process p, Duration within) throws Exception {
        String errors = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)).as("ffmpeg ends within %s: %s", within, errors).isTrue();
        return new Outcome(p.exitValue(), errors);
    }

    private String playlist(String stream) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(originUri("/live/" + stream + "/index.m3u8")).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? r.body() : "";
    }

    private String awaitEnded(String stream, Duration within) {
        await().atMost(within).untilAsserted(() -> assertThat(playlist(stream)).contains("#EXT-X-ENDLIST"));
        try {
            return playlist(stream);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private long metric(String name) {
        return rtmp.metrics().get(name).longValue();
    }

    private List<String> eventDetails() throws Exception {
        return node.runtime().events().recent(50).stream().filter(e -> e.service().equals(RtmpService.NAME))
                .map(ServiceEvent::detail).toList();
    }

    private static List<Double> segmentDurations(String playlist) {
        List<Double> out = new ArrayList<>();
        Matcher m = Pattern.compile("#EXTINF:([0-9.]+),").matcher(playlist);
        while (m.find()) {
            out.add(Double.parseDouble(m.group(1)));
        }
        return out;
    }

    private JsonNode probe(String stream) throws Exception {
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries",
                "stream=codec_name,start_time:format=duration", "-of", "json",
                originUri("/live/" + stream + "/index.m3u8").toString()).start();
        started.add(p);
        String json = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Outcome outcome = finish(p, Duration.ofSeconds(60));
        assertThat(outcome.exit()).as("ffprobe: %s", outcome.errors()).isZero();
        return new ObjectMapper().readTree(json);
    }

    @Test
    void ffmpegPublishesTwentySecondsThatFfprobeReadsBackAsTwoSecondSegmentsWhileASecondPublisherIsTurnedAway()
            throws Exception {
        Process first = push("/live/e2e?key=" + KEY, copyOfClip());
        await().atMost(Duration.ofSeconds(20)).until(() -> metric("publishing") == 1);

        Outcome second = finish(push("/live/e2e?key=" + KEY, List.of("-re", "-t", "3", "-i", clip.toString(), "-c", "copy")),
                Duration.ofSeconds(30));
        assertThat(second.exit()).as("the second publisher is refused").isNotZero();
        assertThat(second.errors()).contains("stream e2e is already being published");

        Outcome outcome = finish(first, Duration.ofSeconds(60));
        assertThat(outcome.exit()).as("the first publisher goes on undisturbed: %s", outcome.errors()).isZero();
        String playlist = awaitEnded("e2e", Duration.ofSeconds(15));
        List<Double> durations = segmentDurations(playlist);
        assertThat(durations).as(playlist).hasSizeBetween(9, 11)
                .allSatisfy(d -> assertThat(d).isCloseTo(TARGET, offset(0.5)));
        JsonNode probe = probe("e2e");
        List<String> codecs = new ArrayList<>();
        List<Double> starts = new ArrayList<>();
        probe.path("streams").forEach(s -> {
            codecs.add(s.path("codec_name").asText());
            starts.add(s.path("start_time").asDouble());
        });
        assertThat(codecs).containsExactlyInAnyOrder("h264", "aac");
        assertThat(probe.path("format").path("duration").asDouble()).isCloseTo(CLIP_SECONDS,
                withinPercentage(10));
        assertThat(Math.abs(starts.get(0) - starts.get(1))).as("audio and video start together: %s", starts).isLessThan(0.1);
        StreamStats stats = node.runtime().services().service(OriginService.NAME, OriginService.class).streams().stream()
                .filter(s -> s.name().equals("e2e")).findFirst().orElseThrow();
        assertThat(stats.ingest()).contains(StreamStats.Ingest.RTMP);
        assertThat(metric("closed.stream-busy")).isEqualTo(1);
        await().untilAsserted(() -> assertThat(eventDetails()).contains("publish from 127.0.0.1 to e2e refused: another"
                + " publisher keeps it live and goes on undisturbed")
                .anyMatch(d -> d.startsWith("e2e: publish from 127.0.0.1 ended after ")));
    }

    @Test
    void twoPublishersWithHeightSuffixesBecomeRenditionsThatFfprobeReadsThroughTheMasterPlaylist() throws Exception {
        List<String> sixSeconds = List.of("-re", "-t", "6", "-i", clip.toString());
        List<String> small = new ArrayList<>(sixSeconds);
        small.addAll(List.of("-c:v", "libx264", "-preset", "veryfast", "-s", "160x90", "-g", "50", "-c:a", "copy"));
        List<String> copied = new ArrayList<>(sixSeconds);
        copied.addAll(List.of("-c", "copy"));
        Process high = push("/live/show_108p?key=" + KEY, copied);
        Process low = push("/live/show_90p?key=" + KEY, small);
        assertThat(finish(high, Duration.ofSeconds(60)).exit()).isZero();
        assertThat(finish(low, Duration.ofSeconds(60)).exit()).isZero();
        awaitEnded("show/108p", Duration.ofSeconds(15));
        awaitEnded("show/90p", Duration.ofSeconds(15));

        HttpResponse<String> master = http.send(HttpRequest.newBuilder(originUri("/live/show/master.m3u8")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(master.statusCode()).isEqualTo(200);
        assertThat(master.body()).contains("RESOLUTION=160x90,CODECS=\"avc1.", "\n108p/index.m3u8\n", "\n90p/index.m3u8\n");
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries", "stream=codec_name,width:format=nb_programs",
                "-of", "json", originUri("/live/show/master.m3u8").toString()).start();
        started.add(p);
        JsonNode probe = new ObjectMapper().readTree(p.getInputStream().readAllBytes());
        assertThat(finish(p, Duration.ofSeconds(60)).exit()).isZero();
        assertThat(probe.path("format").path("nb_programs").asInt()).isEqualTo(2);
        List<Integer> widths = new ArrayList<>();
        probe.path("streams").forEach(s -> {
            if (s.path("codec_name").asText().equals("h264")) {
                widths.add(s.path("width").asInt());
            }
        });
        assertThat(widths).hasSize(2).contains(160);
        assertThat(node.runtime().services().service(OriginService.NAME, OriginService.class).streams())
                .extracting(StreamStats::name).contains("show/108p", "show/90p");
    }

    @Test
    void aLowLatencyStreamIsCutInOneSecondSegmentsWithDatesAndAHoldBackThatFfprobeReads() throws Exception {
        Process ffmpeg = push("/live/fast?key=" + KEY, List.of("-re", "-t", "6", "-i", clip.toString(),
                "-c:v", "libx264", "-preset", "veryfast", "-g", "25", "-sc_threshold", "0", "-c:a", "copy"));
        // Read while live: an ended playlist no longer tells players where to start.
        await().atMost(Duration.ofSeconds(30)).until(() -> segmentDurations(playlist("fast")).size() >= 3);
        String live = playlist("fast");
        assertThat(live).contains("#EXT-X-TARGETDURATION:1\n", "#EXT-X-START:TIME-OFFSET=-3.000000\n",
                "#EXT-X-SERVER-CONTROL:HOLD-BACK=3.000000\n");
        assertThat(finish(ffmpeg, Duration.ofSeconds(60)).exit()).isZero();

        String playlist = awaitEnded("fast", Duration.ofSeconds(15));
        List<Double> durations = segmentDurations(playlist);
        assertThat(durations).as(playlist).hasSize(6).allSatisfy(d -> assertThat(d).isCloseTo(1.0, offset(0.25)));
        assertThat(playlist.split("#EXT-X-PROGRAM-DATE-TIME:", -1)).as("a date on every segment").hasSize(7);
        JsonNode probe = probe("fast");
        assertThat(probe.path("format").path("duration").asDouble()).isCloseTo(6.0, offset(0.6));
    }

    @Test
    void aPublisherKilledWithSigkillLeavesAnEndedPlaylist() throws Exception {
        Process ffmpeg = push("/live/killed?key=" + KEY, copyOfClip());
        await().atMost(Duration.ofSeconds(30)).until(() -> segmentDurations(playlist("killed")).size() >= 2);

        ffmpeg.destroyForcibly(); // SIGKILL on Linux: no unpublish, the kernel closes the socket

        assertThat(awaitEnded("killed", Duration.ofSeconds(15))).contains("s1.ts");
        assertThat(metric("publishing")).isZero();
        assertThat(metric("closed.client-closed")).isEqualTo(1);
    }

    @Test
    void aWrongKeyIsRefusedAndTheEncoderSaysWhy() throws Exception {
        Outcome outcome = finish(push("/live/e2e?key=guess", List.of("-re", "-t", "2", "-i", clip.toString(), "-c", "copy")),
                Duration.ofSeconds(30));

        assertThat(outcome.exit()).isNotZero();
        assertThat(outcome.errors()).contains("wrong key for stream 'e2e'");
        // Counted as the connection closes, just after the status went out: on a loaded machine the
        // encoder can read it, give up and exit before the event loop gets that far.
        await().untilAsserted(() -> assertThat(metric("closed.bad-key")).isEqualTo(1));
        await().untilAsserted(() -> assertThat(eventDetails()).contains("publish from 127.0.0.1 refused: wrong key for stream 'e2e'"));
        assertThat(playlist("e2e")).isEmpty();
    }

    @Test
    void mp3AudioIsRefusedCleanlyWithWhatToChangeAndNoStreamIsLeftBroken() throws Exception {
        Outcome outcome = finish(push("/live/mp3?key=" + KEY, List.of("-re", "-t", "4", "-i", clip.toString(), "-c:v", "copy",
                "-c:a", "libmp3lame", "-ar", "44100")), Duration.ofSeconds(30));

        assertThat(outcome.exit()).isNotZero();
        assertThat(outcome.errors()).contains("the encoder sends MP3 audio and this server carries AAC only");
        assertThat(metric("closed.unsupported-media")).isEqualTo(1);
        await().untilAsserted(() -> assertThat(eventDetails()).anyMatch(d -> d.startsWith("publish from 127.0.0.1 to mp3 refused:"
                + " the encoder sends MP3 audio")));
        String playlist = playlist("mp3");
        assertThat(playlist.isEmpty() || playlist.contains("#EXT-X-ENDLIST")).as(playlist).isTrue();
    }

    @Test
    void ffmpegAsAPlayerChecksOurHandshakeDigestsGoesOnAndIsToldThisServerTakesPublishersOnly() throws Exception {
        Process player = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin",
                "-i", rtmpUrl("/live/e2e"), "-t", "1", "-f", "null", "-").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        started.add(player);

        Outcome outcome = finish(player, Duration.ofSeconds(30));

        // Playing, ffmpeg verifies S1's digest and S2's signature and stops at the handshake if either is wrong.
        assertThat(outcome.errors()).doesNotContain("validating failed").doesNotContain("Signature mismatch")
                .contains("publishers only");
        assertThat(metric("handshakes.digest")).isEqualTo(1);
        assertThat(metric("closed.not-a-publisher")).isEqualTo(1);
    }

    @Test
    void theClipIsWhatTheTestsSayItIs() throws Exception {
        assertThat(Files.size(clip)).isPositive();
        assertThat(FlvFile.read(clip)).filteredOn(t -> t.type() == FlvFile.VIDEO).last()
                .satisfies(t -> assertThat(t.timestamp()).isBetween(19_000L, 20_000L));
    }
}
