package org.webp2p.server.origin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlaylistCodecTest {

    @Test
    void readsProgramDateTimesAsFfmpegAndIsoWriteThemAndWritesThemBackInUtcWithMilliseconds() throws Exception {
        MediaPlaylist p = PlaylistCodec.parse("#EXTM3U\n#EXT-X-TARGETDURATION:2\n"
                + "#EXT-X-PROGRAM-DATE-TIME:2026-12-07T04:00:00.250+0100\n#EXTINF:2,\na.ts\n"
                + "#EXT-X-PROGRAM-DATE-TIME:2026-12-07T03:00:02.25Z\n#EXTINF:2,\nb.ts\n"
                + "#EXTINF:2,\nc.ts\n"
                + "#EXT-X-PROGRAM-DATE-TIME:yesterday\n#EXTINF:2,\nd.ts\n");

        assertThat(p.segments()).extracting(MediaSegment::programDateTime).containsExactly(
                Optional.of(Instant.parse("2026-12-07T03:00:00.250Z")), Optional.of(Instant.parse("2026-12-07T03:00:02.250Z")),
                Optional.empty(), Optional.empty());
        String written = PlaylistCodec.write(p);
        assertThat(written).contains("#EXT-X-PROGRAM-DATE-TIME:2026-12-07T03:00:00.250Z\n#EXTINF:2.000000,\na.ts\n",
                "b.ts\n#EXTINF:2.000000,\nc.ts\n#EXTINF:2.000000,\nd.ts\n");
        assertThat(PlaylistCodec.parse(written)).isEqualTo(p);
    }

    /** As ffmpeg 5.1's HLS muxer writes it with -hls_time 2 and the default list size. */
    private static final String FFMPEG_TS = """
            #EXTM3U
            #EXT-X-VERSION:3
            #EXT-X-TARGETDURATION:2
            #EXT-X-MEDIA-SEQUENCE:3
            #EXTINF:2.000000,
            index3.ts
            #EXTINF:2.000000,
            index4.ts
            #EXT-X-DISCONTINUITY
            #EXTINF:1.466667,
            index5.ts
            """;

    /** As ffmpeg writes it with -hls_segment_type fmp4. */
    private static final String FFMPEG_FMP4 = """
            #EXTM3U
            #EXT-X-VERSION:7
            #EXT-X-TARGETDURATION:2
            #EXT-X-MEDIA-SEQUENCE:0
            #EXT-X-MAP:URI="init.mp4"
            #EXTINF:2.000000,
            index0.m4s
            #EXTINF:0.500000,
            index1.m4s
            #EXT-X-ENDLIST
            """;

    @Test
    void readsDurationsSequenceAndDiscontinuitiesOfAnFfmpegPlaylist() throws Exception {
        MediaPlaylist p = PlaylistCodec.parse(FFMPEG_TS);

        assertThat(p.mediaSequence()).isEqualTo(3);
        assertThat(p.targetDuration()).isEqualTo(2);
        assertThat(p.ended()).isFalse();
        assertThat(p.segments()).extracting(MediaSegment::uri).containsExactly("index3.ts", "index4.ts", "index5.ts");
        assertThat(p.segments()).extracting(MediaSegment::discontinuity).containsExactly(false, false, true);
        assertThat(p.segments().get(2).duration()).isEqualTo(Duration.ofNanos(1_466_667_000));
        assertThat(p.nextSequence()).isEqualTo(6);
    }

    @Test
    void readsTheInitSegmentAndEndOfAnFmp4Playlist() throws Exception {
        MediaPlaylist p = PlaylistCodec.parse(FFMPEG_FMP4);

        assertThat(p.ended()).isTrue();
        assertThat(p.segments()).allSatisfy(s -> assertThat(s.map()).contains("init.mp4"));
        assertThat(p.duration()).isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void writesWhatPlayersExpect() {
        MediaPlaylist p = new MediaPlaylist(2, 40, 3, List.of(
                new MediaSegment("s40.m4s", Duration.ofSeconds(2), false, Optional.of("init38.mp4")),
                new MediaSegment("s41.m4s", Duration.ofMillis(1500), true, Optional.of("init41.mp4"))), true);

        assertThat(PlaylistCodec.write(p)).isEqualTo("""
                #EXTM3U
                #EXT-X-VERSION:6
                #EXT-X-TARGETDURATION:2
                #EXT-X-MEDIA-SEQUENCE:40
                #EXT-X-DISCONTINUITY-SEQUENCE:3
                #EXT-X-MAP:URI="init38.mp4"
                #EXTINF:2.000000,
                s40.m4s
                #EXT-X-DISCONTINUITY
                #EXT-X-MAP:URI="init41.mp4"
                #EXTINF:1.500000,
                s41.m4s
                #EXT-X-ENDLIST
                """);
    }

    @Test
    void writesVersion3WithoutInitSegments() {
        MediaPlaylist p = new MediaPlaylist(2, 0, 0,
                List.of(new MediaSegment("s0.ts", Duration.ofSeconds(2), false, Optional.empty())), false);

        assertThat(PlaylistCodec.write(p)).startsWith("#EXTM3U\n#EXT-X-VERSION:3\n")
                .doesNotContain("DISCONTINUITY-SEQUENCE").doesNotContain("ENDLIST");
    }

    @Test
    void readsBackWhatItWrites() throws Exception {
        MediaPlaylist original = PlaylistCodec.parse(FFMPEG_FMP4);

        assertThat(PlaylistCodec.parse(PlaylistCodec.write(original))).isEqualTo(original);
    }

    @Test
    void raisesATargetDurationThatIsTooSmallForItsSegments() throws Exception {
        MediaPlaylist p = PlaylistCodec.parse("#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:4.6,\na.ts\n");

        assertThat(p.targetDuration()).isEqualTo(5);
    }

    @Test
    void aDurationReadsAsWhatItWillBeWrittenAs() throws Exception {
        // Found by PlaylistCodecFuzzTest: 0.0000003 s was taken, written as 0.000000, and the origin's own
        // playlist then failed to load at the next start.
        assertThatThrownBy(() -> PlaylistCodec.parse("#EXTM3U\n#EXTINF:0.0000003,\na.ts\n")).hasMessageContaining("positive");

        MediaPlaylist p = PlaylistCodec.parse("#EXTM3U\n#EXTINF:2.0000004,\na.ts\n#EXTINF:0.0000006,\nb.ts\n");

        assertThat(p.segments()).extracting(MediaSegment::duration)
                .containsExactly(Duration.ofSeconds(2), Duration.ofNanos(1000));
        assertThat(PlaylistCodec.parse(PlaylistCodec.write(p))).isEqualTo(p);
    }

    @Test
    void aDurationIsADecimalNumberAndNeverCostsMoreThanItsDigits() {
        // BigDecimal took "1e-999999999" and worked out ten to the billionth power to round it; a million
        // digits took it a minute and a half.
        String hugeNumber = "1" + "0".repeat(1_000_000);
        for (String duration : List.of("1e-999999999", "1E300000000", hugeNumber, "-2", "+2", "0x10", "NaN", ".")) {
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(
                    () -> PlaylistCodec.parse("#EXTM3U\n#EXTINF:" + duration + ",\na.ts\n"))
                    .as(duration.substring(0, Math.min(20, duration.length()))).isInstanceOf(PlaylistException.class));
        }
    }

    @Test
    void sequenceNumbersThatWouldPassTheLargestLongAreRefused() throws Exception {
        String last = "#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:9223372036854775806\n#EXTINF:2,\na.ts\n";
        assertThat(PlaylistCodec.parse(last).nextSequence()).isEqualTo(Long.MAX_VALUE);

        assertThatThrownBy(() -> PlaylistCodec.parse(last + "#EXTINF:2,\nb.ts\n")).isInstanceOf(PlaylistException.class)
                .hasMessageContaining("sequence");
    }

    @Test
    void refusesWhatItCannotServe() {
        assertThatThrownBy(() -> PlaylistCodec.parse("index0.ts\n")).hasMessageContaining("#EXTM3U");
        assertThatThrownBy(() -> PlaylistCodec.parse("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nlow.m3u8\n"))
                .hasMessageContaining("master");
        assertThatThrownBy(() -> PlaylistCodec.parse("#EXTM3U\n#EXTINF:2,\n#EXT-X-BYTERANGE:100@0\na.ts\n"))
                .hasMessageContaining("byte-range");
        assertThatThrownBy(() -> PlaylistCodec.parse("#EXTM3U\na.ts\n")).hasMessageContaining("no #EXTINF");
        assertThatThrownBy(() -> PlaylistCodec.parse("#EXTM3U\n#EXTINF:two,\na.ts\n"))
                .hasMessageContaining("bad #EXTINF");
        assertThatThrownBy(() -> PlaylistCodec.parse("#EXTM3U\n#EXTINF:0,\na.ts\n")).hasMessageContaining("positive");
        assertThatThrownBy(() -> PlaylistCodec.parse("#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:x\n"))
                .hasMessageContaining("bad number");
        assertThatThrownBy(() -> PlaylistCodec.parse("#EXTM3U\n#EXTINF:2,\n")).hasMessageContaining("no segment");
    }
}
