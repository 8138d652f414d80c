package org.webp2p.sdk.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.webp2p.sdk.hls.MediaPlaylist;

class PlaylistRewriterTest {
    private static final URI ORIGIN = URI.create("http://origin.example:8080/live/demo/index.m3u8");
    private static final URI PROXY = URI.create("http://127.0.0.1:5000/index.m3u8");

    @Test
    void pointsEverySegmentAtTheProxyAndKeepsTimingAndSequence() {
        MediaPlaylist origin = MediaPlaylist.parse("""
                #EXTM3U
                #EXT-X-VERSION:3
                #EXT-X-TARGETDURATION:2
                #EXT-X-MEDIA-SEQUENCE:41
                #EXT-X-DISCONTINUITY-SEQUENCE:3
                #EXTINF:2.000,
                seg41.ts
                #EXT-X-DISCONTINUITY
                #EXTINF:1.960,
                http://cdn.example/other/seg42.ts?token=x
                """, ORIGIN);

        String text = PlaylistRewriter.rewrite(origin);
        MediaPlaylist local = MediaPlaylist.parse(text, PROXY);

        assertThat(text).contains("#EXTINF:1.960,\nseg/42.ts\n").doesNotContain("ENDLIST");
        assertThat(local.mediaSequence()).isEqualTo(41);
        assertThat(local.discontinuitySequence()).as("timelines stay apart across a loop").isEqualTo(3);
        assertThat(local.targetDurationMs()).isEqualTo(2000);
        assertThat(local.segments()).extracting(MediaPlaylist.Segment::uri).containsExactly(
                URI.create("http://127.0.0.1:5000/seg/41.ts"), URI.create("http://127.0.0.1:5000/seg/42.ts"));
        assertThat(local.segments()).extracting(MediaPlaylist.Segment::durationMs).containsExactly(2000L, 1960L);
        assertThat(local.segments()).extracting(MediaPlaylist.Segment::discontinuity).containsExactly(false, true);
    }

    @Test
    void servesTheInitSegmentOfFmp4AndEndsAnEndedPlaylist() {
        MediaPlaylist vod = new MediaPlaylist(4000, 0, 0,
                List.of(new MediaPlaylist.Segment(0, 4000, ORIGIN.resolve("p0.m4s"), false)),
                ORIGIN.resolve("init.mp4"), true);

        String text = PlaylistRewriter.rewrite(vod);

        assertThat(text).startsWith("#EXTM3U\n#EXT-X-VERSION:6\n").contains("#EXT-X-MAP:URI=\"init.mp4\"\n")
                .contains("seg/0.m4s\n").endsWith("#EXT-X-ENDLIST\n");
        MediaPlaylist local = MediaPlaylist.parse(text, PROXY);
        assertThat(local.initSegment()).isEqualTo(URI.create("http://127.0.0.1:5000/init.mp4"));
        assertThat(local.ended()).isTrue();
        assertThat(text).doesNotContain("DISCONTINUITY");
    }

    @Test
    void targetDurationCoversTheLongestRoundedSegment() {
        MediaPlaylist odd = new MediaPlaylist(2000, 5, 0,
                List.of(new MediaPlaylist.Segment(5, 2600, ORIGIN.resolve("a.ts"), false)), null, false);

        assertThat(PlaylistRewriter.rewrite(odd)).contains("#EXT-X-TARGETDURATION:3\n");
    }

    @Test
    void readsSegmentPathsBackToSequences() {
        assertThat(ProxyPaths.sequenceOf("/seg/42.ts")).hasValue(42);
        assertThat(ProxyPaths.sequenceOf("/seg/42")).isEmpty();
        assertThat(ProxyPaths.sequenceOf("/seg/../42.ts")).isEmpty();
        assertThat(ProxyPaths.sequenceOf("/seg/-1.ts")).isEmpty();
        assertThat(ProxyPaths.isInit("/init.mp4")).isTrue();
        assertThat(ProxyPaths.extension(URI.create("http://x/a/b"), "ts")).isEqualTo("ts");
    }
}
