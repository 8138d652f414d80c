package org.webp2p.server.origin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.webp2p.server.origin.OriginFixture.segmentBytes;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webp2p.server.MutableClock;
import org.webp2p.server.config.Config;

/** {@code origin.profile=low-latency} and its per-stream form, seen in the playlists players get. */
class LowLatencyProfileTest {
    private static final InetAddress FROM = InetAddress.getLoopbackAddress();
    private static final Pattern DATE_TIME = Pattern.compile("#EXT-X-PROGRAM-DATE-TIME:(\\S+)\\n(?:#EXT-X-WEBP2P-DIGEST:\\S+\\n)?"
            + "#EXTINF:[0-9.]+,\\n(s\\d+\\.ts)");

    @TempDir
    Path dataDir;

    private OriginFixture fx;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T03:00:00Z"));

    @AfterEach
    void close() {
        if (fx != null) {
            fx.close();
        }
    }

    /** Publishes {@code count} one-second segments to {@code stream} over the RTMP way in, a second apart. */
    private void publish(String stream, int count) throws Exception {
        LiveIngest ingest = fx.origin.liveIngest();
        ingest.begin(stream, FROM).get(5, TimeUnit.SECONDS);
        for (int i = 0; i < count; i++) {
            clock.advance(Duration.ofSeconds(1));
            ingest.append(stream, segmentBytes(stream + i, 1000), Duration.ofSeconds(1)).get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void lowLatencyPlaylistsStartPlayersNearTheEdgeListASixSegmentWindowAndDateEverySegment() throws Exception {
        fx = new OriginFixture(dataDir, clock, Map.of("origin.profile", "low-latency"));
        assertThat(fx.origin.liveIngest().segmentTarget("cam")).contains(Duration.ofSeconds(1));
        assertThat(fx.origin.liveIngest().segmentTarget("cam/720p")).contains(Duration.ofSeconds(1));

        publish("cam", 9);

        String playlist = fx.text("/live/cam/index.m3u8");
        assertThat(playlist).startsWith("""
                #EXTM3U
                #EXT-X-VERSION:3
                #EXT-X-TARGETDURATION:1
                #EXT-X-MEDIA-SEQUENCE:3
                #EXT-X-START:TIME-OFFSET=-3.000000
                #EXT-X-SERVER-CONTROL:HOLD-BACK=3.000000
                #EXT-X-PROGRAM-DATE-TIME:2026-12-07T03:00:03.000Z
                """);
        List<String> times = dateTimes(playlist);
        assertThat(times).as("a date on every one of the six listed segments").containsExactly(
                "2026-12-07T03:00:03.000Z s3.ts", "2026-12-07T03:00:04.000Z s4.ts", "2026-12-07T03:00:05.000Z s5.ts",
                "2026-12-07T03:00:06.000Z s6.ts", "2026-12-07T03:00:07.000Z s7.ts", "2026-12-07T03:00:08.000Z s8.ts");

        fx.origin.liveIngest().end("cam").get(5, TimeUnit.SECONDS);
        assertThat(fx.text("/live/cam/index.m3u8")).as("an ended stream plays from its start")
                .doesNotContain("#EXT-X-START", "#EXT-X-SERVER-CONTROL").contains("#EXT-X-ENDLIST");
    }

    @Test
    void aStreamsOwnProfileAppliesToItAndItsRenditionsWhileOthersKeepTheDefaultWithDatesAllTheSame() throws Exception {
        fx = new OriginFixture(dataDir, clock, Map.of("origin.stream.cam.profile", "low-latency"));
        assertThat(fx.origin.liveIngest().segmentTarget("news")).isEmpty();

        publish("cam/360p", 8);
        publish("news", 8);

        String cam = fx.text("/live/cam/360p/index.m3u8");
        assertThat(cam).contains("#EXT-X-START:TIME-OFFSET=-3.000000\n");
        assertThat(dateTimes(cam)).hasSize(StreamProfiles.LOW_LATENCY_WINDOW);
        String news = fx.text("/live/news/index.m3u8");
        assertThat(news).doesNotContain("#EXT-X-START", "#EXT-X-SERVER-CONTROL");
        assertThat(dateTimes(news)).as("the default profile dates every segment too").hasSize(8)
                .last().isEqualTo("2026-12-07T03:00:15.000Z s7.ts");
    }

    @Test
    void theDemoUnderLowLatencyStartsNearTheEdgeAndDatesItsSegmentsOnTheWallClock() throws Exception {
        fx = new OriginFixture(dataDir, clock, Map.of("origin.profile", "low-latency"));

        String demo = fx.text("/live/demo/index.m3u8");

        // The demo's clip is cut in 2 s segments, so the hold-back is three of those.
        assertThat(demo).contains("#EXT-X-START:TIME-OFFSET=-6.000000\n", "#EXT-X-SERVER-CONTROL:HOLD-BACK=6.000000\n");
        List<String> times = dateTimes(demo);
        assertThat(times).hasSize(StreamProfiles.LOW_LATENCY_WINDOW)
                .last().as("the newest segment began 2 s before it was complete").isEqualTo("2026-12-07T02:59:58.000Z s"
                        + (clock.instant().getEpochSecond() / 2 - 1) + ".ts");
        assertThat(fx.text("/live/demo/90p/index.m3u8")).contains("#EXT-X-START:TIME-OFFSET=-6.000000\n");
    }

    @Test
    void anUnknownProfileIsRefusedWithTheKeyAndTheChoices() {
        assertThatThrownBy(() -> Config.defaults().with(Map.of("origin.profile", "fast")))
                .hasMessageContaining("origin.profile").hasMessageContaining("default, low-latency");
        assertThatThrownBy(() -> Config.defaults().with(Map.of("origin.stream.cam.profile", "ultra")))
                .hasMessageContaining("origin.stream.cam.profile");
    }

    private static List<String> dateTimes(String playlist) {
        List<String> out = new ArrayList<>();
        Matcher m = DATE_TIME.matcher(playlist);
        while (m.find()) {
            out.add(m.group(1) + " " + m.group(2));
        }
        return out;
    }
}
