package org.webp2p.server.rtmp.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webp2p.server.HostTools;

/**
 * Real FLV tags, made by ffmpeg as an encoder publishing to RTMP would send them, through the
 * segmenter; the segments are read back by ffprobe and ffmpeg (as players would read them) and by an
 * independent TS reader.
 */
class FlvToTsSegmenterTest {
    private static final Duration TARGET = Duration.ofSeconds(2);
    private static List<FlvFile.Tag> clip;

    @TempDir
    Path dir;

    /** One segment as the sink got it. */
    private record Segment(byte[] ts, Duration duration) {
    }

    @BeforeAll
    static void makeClip(@TempDir Path clipDir) throws Exception {
        boolean installed = HostTools.runs("ffmpeg", "-version") && HostTools.runs("ffprobe", "-version");
        HostTools.require("the FLV to MPEG-TS test",
                installed ? List.of() : List.of("ffmpeg and ffprobe (apt-get install -y ffmpeg)"));
        clip = FlvFile.read(FlvFile.make(clipDir, 10, List.of()));
    }

    private static List<Segment> segment(List<FlvFile.Tag> tags, Predicate<FlvFile.Tag> which) throws Exception {
        List<Segment> out = new ArrayList<>();
        FlvToTsSegmenter segmenter = new FlvToTsSegmenter(TARGET, (ts, d) -> out.add(new Segment(ts, d)));
        for (FlvFile.Tag tag : tags) {
            if (!which.test(tag)) {
                continue;
            }
            tag.sendTo(segmenter);
        }
        segmenter.finish();
        return out;
    }

    @Test
    void h264AndAacBecomeTwoSecondSegmentsThatFfprobeAndFfmpegReadWithoutAComplaint() throws Exception {
        List<Segment> segments = segment(clip, t -> true);

        assertThat(segments).hasSize(5);
        for (Segment s : segments.subList(0, 4)) {
            assertThat(s.duration()).isEqualTo(Duration.ofSeconds(2)); // key frames every 50 frames at 25 fps
        }
        assertThat(segments.get(4).duration().toMillis()).isBetween(1900L, 2100L);
        Path playlist = writeHls(segments);
        Probe probe = probe(playlist);
        assertThat(probe.errors()).isEmpty();
        assertThat(probe.codecs()).containsExactlyInAnyOrder("h264", "aac");
        assertThat(probe.duration()).isCloseTo(10.0, within(1.0));
        assertThat(probe.startTimes().get(0)).isCloseTo(probe.startTimes().get(1), within(0.1));
        assertThat(run("ffmpeg", "-v", "error", "-i", playlist.toString(), "-f", "null", "-")).isEmpty();
        // Each segment plays on its own too, as a player joining the live window finds it.
        Probe alone = probe(dir.resolve("s2.ts"));
        assertThat(alone.errors()).isEmpty();
        assertThat(alone.codecs()).containsExactlyInAnyOrder("h264", "aac");
        assertThat(alone.duration()).isCloseTo(2.0, within(0.1));
    }

    @Test
    void everySegmentOpensWithTablesAndAnIdrPictureAfterItsParameterSetsAndCountersRunOn() throws Exception {
        List<Segment> segments = segment(clip, t -> true);

        TsReader reader = new TsReader();
        long lastVideoDts = -1;
        for (Segment s : segments) {
            TsReader.Result read = reader.read(s.ts());
            assertThat(read.firstPids()).containsExactly(TsMuxer.PAT_PID, TsMuxer.PMT_PID, TsMuxer.Stream.VIDEO.pid);
            assertThat(read.pcrPid()).isEqualTo(TsMuxer.Stream.VIDEO.pid);
            List<TsReader.Pes> video = read.of(TsMuxer.Stream.VIDEO.pid);
            TsReader.Pes first = video.get(0);
            assertThat(first.randomAccess()).isTrue();
            assertThat(HexFormat.of().formatHex(first.payload(), 0, 11)).isEqualTo("0000000109f0" + "0000000167");
            assertThat(video.stream().filter(TsReader.Pes::randomAccess)).hasSize(1);
            for (TsReader.Pes pes : video) {
                assertThat(pes.pcr()).isBetween(0L, pes.dts());
                assertThat(pes.dts()).isGreaterThan(lastVideoDts);
                lastVideoDts = pes.dts();
                assertThat(HexFormat.of().formatHex(pes.payload(), 0, 6)).isEqualTo("0000000109f0");
            }
            for (TsReader.Pes pes : read.of(TsMuxer.Stream.AUDIO.pid)) {
                assertThat(pes.payload()[0] & 0xff).isEqualTo(0xff);
                assertThat(pes.payload()[1] & 0xf6).as("ADTS sync, layer 0").isEqualTo(0xf0);
                assertThat(pes.pts()).isEqualTo(pes.dts());
            }
        }
    }

    @Test
    void bFramesKeepTheirPresentationTimesFromTheCompositionOffset(@TempDir Path clipDir) throws Exception {
        List<FlvFile.Tag> reordered = FlvFile.read(FlvFile.make(clipDir, 4, List.of("-bf", "2")));

        List<Segment> segments = segment(reordered, t -> true);

        TsReader reader = new TsReader();
        List<TsReader.Pes> video = new ArrayList<>();
        segments.forEach(s -> video.addAll(reader.read(s.ts()).of(TsMuxer.Stream.VIDEO.pid)));
        assertThat(video).anyMatch(p -> p.pts() > p.dts());
        assertThat(video).allMatch(p -> p.pts() >= p.dts());
        Path playlist = writeHls(segments);
        assertThat(probe(playlist).errors()).isEmpty();
        assertThat(run("ffmpeg", "-v", "error", "-i", playlist.toString(), "-f", "null", "-")).isEmpty();
    }

    @Test
    void audioAloneIsCutByTimeWithThePcrOnTheAudioPid() throws Exception {
        List<Segment> segments = segment(clip, t -> t.type() == FlvFile.AUDIO);

        assertThat(segments).hasSize(5);
        for (Segment s : segments.subList(0, 4)) {
            assertThat(s.duration().toMillis()).isBetween(2000L, 2030L); // cut at the first frame after 2 s
        }
        TsReader.Result first = new TsReader().read(segments.get(0).ts());
        assertThat(first.pcrPid()).isEqualTo(TsMuxer.Stream.AUDIO.pid);
        assertThat(first.pes()).allMatch(p -> p.pid() == TsMuxer.Stream.AUDIO.pid && p.pcr() >= 0);
        Probe probe = probe(writeHls(segments));
        assertThat(probe.errors()).isEmpty();
        assertThat(probe.codecs()).containsExactly("aac");
        assertThat(probe.duration()).isCloseTo(10.0, within(0.5));
    }

    @Test
    void finishHandsOverThePartOfASegmentThatCameAndRefusesLaterTags() throws Exception {
        List<Segment> out = new ArrayList<>();
        FlvToTsSegmenter segmenter = new FlvToTsSegmenter(TARGET, (ts, d) -> out.add(new Segment(ts, d)));
        for (FlvFile.Tag tag : clip) {
            if (tag.timestamp() <= 5000) {
                tag.sendTo(segmenter);
            }
        }
        assertThat(out).hasSize(2);

        segmenter.finish();
        segmenter.finish();

        assertThat(out).hasSize(3);
        assertThat(out.get(2).duration().toMillis()).isBetween(1000L, 1100L);
        assertThat(probe(writeHls(out)).errors()).isEmpty();
        assertThatThrownBy(() -> segmenter.video(6000, clip.get(0).body())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aStreamJoinedAfterItsFirstKeyFrameStartsAtTheNextAndCountsWhatItLeftOut() throws Exception {
        List<Segment> out = new ArrayList<>();
        FlvToTsSegmenter segmenter = new FlvToTsSegmenter(TARGET, (ts, d) -> out.add(new Segment(ts, d)));
        boolean headersSent = false;
        for (FlvFile.Tag tag : clip) {
            boolean header = (tag.body()[1] == 0);
            if (header || tag.timestamp() >= 1000) {
                tag.sendTo(segmenter);
                headersSent |= header;
            }
        }
        segmenter.finish();

        assertThat(headersSent).isTrue();
        assertThat(segmenter.droppedFrames()).isGreaterThan(20);
        TsReader.Result first = new TsReader().read(out.get(0).ts());
        TsReader.Pes firstVideo = first.of(TsMuxer.Stream.VIDEO.pid).get(0);
        assertThat(firstVideo.randomAccess()).isTrue();
        assertThat(first.of(TsMuxer.Stream.AUDIO.pid).get(0).pts()).isGreaterThanOrEqualTo(firstVideo.dts());
        Probe probe = probe(writeHls(out));
        assertThat(probe.errors()).isEmpty();
        assertThat(probe.duration()).isCloseTo(8.0, within(0.5));
    }

    @Test
    void videoThatStartsAfterASegmentOfAudioAloneIsRefused() throws Exception {
        FlvToTsSegmenter segmenter = new FlvToTsSegmenter(TARGET, (ts, d) -> { });
        FlvFile.Tag videoHeader = null;
        for (FlvFile.Tag tag : clip) {
            if (tag.type() == FlvFile.AUDIO && tag.timestamp() <= 2500) {
                segmenter.audio(tag.timestamp(), tag.body());
            } else if (tag.type() == FlvFile.VIDEO && videoHeader == null) {
                videoHeader = tag;
            }
        }
        FlvFile.Tag header = videoHeader;

        assertThatThrownBy(() -> segmenter.video(2600, header.body())).isInstanceOf(UnsupportedMediaException.class)
                .hasMessageContaining("audio alone");
    }

    @Test
    void hevcFromObsIsRefusedAtItsSequenceHeaderSayingToChooseH264() {
        FlvToTsSegmenter segmenter = new FlvToTsSegmenter(TARGET, (ts, d) -> { });
        byte[] hevcSequenceStart = HexFormat.of().parseHex("90" + "68766331" + "01");

        assertThatThrownBy(() -> segmenter.video(0, hevcSequenceStart)).isInstanceOf(UnsupportedMediaException.class)
                .hasMessage("the encoder sends HEVC (H.265) video and this server carries H.264 only: set the video"
                        + " encoder to H.264 (OBS: Settings > Output > Video Encoder, x264 or a hardware H.264 encoder)");
    }

    private Path writeHls(List<Segment> segments) throws IOException {
        StringBuilder m3u8 = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n"
                + "#EXT-X-MEDIA-SEQUENCE:0\n");
        for (int i = 0; i < segments.size(); i++) {
            Files.write(dir.resolve("s" + i + ".ts"), segments.get(i).ts());
            m3u8.append(String.format(Locale.ROOT, "#EXTINF:%.3f,%ns%d.ts%n",
                    segments.get(i).duration().toMillis() / 1000.0, i));
        }
        m3u8.append("#EXT-X-ENDLIST\n");
        Path playlist = dir.resolve("index.m3u8");
        Files.writeString(playlist, m3u8);
        return playlist;
    }

    /** What ffprobe read, and what it complained about. */
    private record Probe(List<String> codecs, List<Double> startTimes, double duration, String errors) {
    }

    private static Probe probe(Path input) throws Exception {
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries",
                "stream=codec_name,start_time:format=duration", "-of", "json", input.toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        JsonNode json = new ObjectMapper().readTree(out);
        List<String> codecs = new ArrayList<>();
        List<Double> starts = new ArrayList<>();
        json.path("streams").forEach(s -> {
            codecs.add(s.path("codec_name").asText());
            starts.add(s.path("start_time").asDouble());
        });
        return new Probe(codecs, starts, json.path("format").path("duration").asDouble(), err);
    }

    /** Runs a command and gives back what it printed on both outputs. */
    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
