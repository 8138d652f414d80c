package org.webp2p.sdk.hls;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The playlist the SDK polls comes from whatever origin it was pointed at. Its parser gives a
 * playlist or an {@link IllegalArgumentException} naming the line at fault, and a playlist it gives is
 * valid HLS (RFC 8216 §4.2): durations and sequence numbers are non-negative, and the segments are
 * numbered one after another from the media sequence.
 */
class MediaPlaylistFuzzTest {
    private static final URI BASE = URI.create("http://origin:8080/live/demo/index.m3u8");

    @FuzzTest
    void readsAPlaylistOrRefusesIt(byte[] body) {
        MediaPlaylist playlist;
        try {
            playlist = MediaPlaylist.parse(new String(body, StandardCharsets.UTF_8), BASE);
        } catch (IllegalArgumentException refused) {
            return;
        }
        assertThat(playlist.targetDurationMs()).isNotNegative();
        assertThat(playlist.mediaSequence()).isNotNegative();
        assertThat(playlist.discontinuitySequence()).isNotNegative();
        List<MediaPlaylist.Segment> segments = playlist.segments();
        for (int i = 0; i < segments.size(); i++) {
            assertThat(segments.get(i).durationMs()).as("duration of segment %d", i).isNotNegative();
            assertThat(segments.get(i).sequence()).as("sequence of segment %d", i).isEqualTo(playlist.mediaSequence() + i)
                    .isNotNegative();
        }
    }
}
