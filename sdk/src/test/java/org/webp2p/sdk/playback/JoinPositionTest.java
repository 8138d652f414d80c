package org.webp2p.sdk.playback;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.webp2p.sdk.hls.MediaPlaylist;

class JoinPositionTest {
    private static final URI BASE = URI.create("http://origin/live/bench/index.m3u8");

    /** A playlist of 1 s segments {@code first} to {@code first + 5}. */
    private static MediaPlaylist window(long first, boolean ended) {
        StringBuilder text = new StringBuilder("#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXT-X-MEDIA-SEQUENCE:" + first + "\n");
        for (long s = first; s < first + 6; s++) {
            text.append("#EXTINF:1.0,\ns").append(s).append(".ts\n");
        }
        return MediaPlaylist.parse(text + (ended ? "#EXT-X-ENDLIST\n" : ""), BASE);
    }

    @Test
    void joinsThreeSegmentsFromTheEndAndWithPeersFour() {
        assertThat(JoinPosition.join(window(10, false), false)).isEqualTo(13);
        assertThat(JoinPosition.join(window(10, false), true)).isEqualTo(12);
        assertThat(JoinPosition.join(window(10, true), true)).as("an ended playlist from its start").isEqualTo(10);
    }

    @Test
    void aPlayheadTheWindowHasLeftBehindRejoinsAsAtStart() {
        MediaPlaylist moved = window(30, false);
        Set<Long> onHandOrListed = Set.of(26L, 27L);

        assertThat(JoinPosition.rejoin(moved, 12, onHandOrListed::contains, true)).hasValue(32);
        assertThat(JoinPosition.rejoin(moved, 26, onHandOrListed::contains, true))
                .as("still listed behind the window, so it can be fetched").isEmpty();
        assertThat(JoinPosition.rejoin(moved, 31, s -> false, true)).as("inside the window").isEmpty();
        assertThat(JoinPosition.rejoin(window(30, true), 12, s -> false, true)).as("an ended playlist waits").isEmpty();
        assertThat(JoinPosition.rejoin(moved, -1, s -> false, true)).as("not started").isEmpty();
    }
}
