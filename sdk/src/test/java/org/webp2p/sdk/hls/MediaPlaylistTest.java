package org.webp2p.sdk.hls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MediaPlaylistTest {
    private static final URI BASE = URI.create("http://origin:8080/live/demo/index.m3u8");

    @Test
    void parsesALiveWindowWithDiscontinuityAndInitSegment() {
        MediaPlaylist p = MediaPlaylist.parse("""
                #EXTM3U
                #EXT-X-VERSION:7
                #EXT-X-TARGETDURATION:2
                #EXT-X-MEDIA-SEQUENCE:41
                #EXT-X-MAP:URI="init.mp4"
                #EXTINF:2.002,
                seg41.m4s
                #EXT-X-DISCONTINUITY
                #EXTINF:1.5,
                /other/seg42.m4s
                """, BASE);
        assertThat(p.targetDurationMs()).isEqualTo(2000);
        assertThat(p.initSegment()).isEqualTo(URI.create("http://origin:8080/live/demo/init.mp4"));
        assertThat(p.segments()).containsExactly(
                new MediaPlaylist.Segment(41, 2002, URI.create("http://origin:8080/live/demo/seg41.m4s"), false),
                new MediaPlaylist.Segment(42, 1500, URI.create("http://origin:8080/other/seg42.m4s"), true));
        assertThat(p.lastSequence()).isEqualTo(42);
        assertThat(p.ended()).isFalse();
    }

    @Test
    void datesEachSegmentFromItsProgramDateTimeOrTheDatedOneBeforeIt() {
        MediaPlaylist p = MediaPlaylist.parse("""
                #EXTM3U
                #EXT-X-TARGETDURATION:2
                #EXT-X-PROGRAM-DATE-TIME:2026-12-07T03:00:00.000Z
                #EXTINF:2,
                a.ts
                #EXTINF:1.5,
                b.ts
                #EXT-X-PROGRAM-DATE-TIME:2026-12-07T03:00:09.250+0000
                #EXTINF:2,
                c.ts
                #EXT-X-DISCONTINUITY
                #EXTINF:2,
                d.ts
                """, BASE);
        assertThat(p.segments()).extracting(MediaPlaylist.Segment::programDateTime).containsExactly(
                Instant.parse("2026-12-07T03:00:00Z"), Instant.parse("2026-12-07T03:00:02Z"),
                Instant.parse("2026-12-07T03:00:09.250Z"), null);
        assertThatThrownBy(() -> MediaPlaylist.parse("#EXTM3U\n#EXT-X-TARGETDURATION:2\n"
                + "#EXT-X-PROGRAM-DATE-TIME:yesterday\n#EXTINF:2,\na.ts\n", BASE)).hasMessageContaining("line 3");
    }

    @Test
    void endListMarksTheEnd() {
        MediaPlaylist p = MediaPlaylist.parse("#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXTINF:4,\na.ts\n#EXT-X-ENDLIST\n", BASE);
        assertThat(p.ended()).isTrue();
        assertThat(p.mediaSequence()).isZero();
    }

    @Test
    void refusesTextThatIsNotAMediaPlaylistNamingTheLine() {
        assertThatThrownBy(() -> MediaPlaylist.parse("<html>", BASE)).hasMessageContaining("#EXTM3U");
        assertThatThrownBy(() -> MediaPlaylist.parse("#EXTM3U\n#EXTINF:2,\na.ts\n", BASE))
                .hasMessageContaining("TARGETDURATION");
        assertThatThrownBy(() -> MediaPlaylist.parse("#EXTM3U\n#EXT-X-TARGETDURATION:x\n", BASE))
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> MediaPlaylist.parse("#EXTM3U\n#EXT-X-TARGETDURATION:2\nlonely.ts\n", BASE))
                .hasMessageContaining("without #EXTINF");
    }

    @Test
    void attachesEachPublishedDigestToTheSegmentAfterIt() {
        String sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"; // SHA-256 of "test"
        MediaPlaylist p = MediaPlaylist.parse("""
                #EXTM3U
                #EXT-X-TARGETDURATION:2
                #EXT-X-WEBP2P-DIGEST:BYTES=4,SHA256="%s"
                #EXTINF:2,
                a.ts
                #EXTINF:2,
                b.ts
                """.formatted(sha), BASE);

        SegmentDigest digest = p.segments().get(0).digest();
        assertThat(digest).isEqualTo(new SegmentDigest(4, sha));
        assertThat(digest.matches("test".getBytes(StandardCharsets.US_ASCII))).isTrue();
        assertThat(digest.matches("tesT".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(digest.matches("test!".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(p.segments().get(1).digest()).isNull();
    }

    @Test
    void refusesAMalformedDigest() {
        assertThatThrownBy(() -> MediaPlaylist.parse(
                "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-WEBP2P-DIGEST:BYTES=4,SHA256=\"abc\"\n#EXTINF:2,\na.ts\n", BASE))
                .hasMessageContaining("line 3");
    }

    @Test
    void refusesASequenceNumberAfterTheFirstSegment() {
        // Found by MediaPlaylistFuzzTest: the segment was numbered 0 in a playlist whose media sequence read 41.
        assertThatThrownBy(() -> MediaPlaylist.parse(
                "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:1.5,\na.ts\n#EXT-X-MEDIA-SEQUENCE:41\n", BASE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 5");
        assertThatThrownBy(() -> MediaPlaylist.parse(
                "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:1.5,\na.ts\n#EXT-X-DISCONTINUITY-SEQUENCE:3\n", BASE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 5");
    }

    @Test
    void takesOnlyTheNumbersHlsWrites() {
        // Double.parseDouble and Long.parseLong took signs, NaN, infinities, exponents and hexadecimal; the
        // first fix let BigDecimal read a million digits, which takes it a minute and a half.
        for (String number : List.of("-2", "+2", "NaN", "Infinity", "1e300", "0x1p3", "2d", "")) {
            assertThatThrownBy(() -> MediaPlaylist.parse("#EXTM3U\n#EXT-X-TARGETDURATION:" + number + "\n", BASE))
                    .as("target duration %s", number).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> MediaPlaylist.parse(
                    "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:" + number + ",\na.ts\n", BASE))
                    .as("duration %s", number).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> MediaPlaylist.parse(
                    "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:" + number + "\n", BASE))
                    .as("media sequence %s", number).isInstanceOf(IllegalArgumentException.class);
        }
        String hugeNumber = "1" + "0".repeat(1_000_000);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(() -> MediaPlaylist.parse(
                "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:" + hugeNumber + ",\na.ts\n", BASE))
                .isInstanceOf(IllegalArgumentException.class));
        MediaPlaylist p = MediaPlaylist.parse("#EXTM3U\n#EXT-X-TARGETDURATION:2.5\n#EXTINF:.5,\na.ts\n", BASE);
        assertThat(p.targetDurationMs()).isEqualTo(2500);
        assertThat(p.segments().get(0).durationMs()).isEqualTo(500);
    }

    @Test
    void refusesSegmentsNumberedPastTheLargestLong() {
        String first = "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:9223372036854775807\n#EXTINF:2,\na.ts\n";
        assertThat(MediaPlaylist.parse(first, BASE).lastSequence()).isEqualTo(Long.MAX_VALUE);

        assertThatThrownBy(() -> MediaPlaylist.parse(first + "#EXTINF:2,\nb.ts\n", BASE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 7");
    }
}
