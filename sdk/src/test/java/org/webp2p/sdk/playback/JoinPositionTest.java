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
        return window(first, 6, ended);
    }

    /** A playlist of {@code count} 1 s segments from {@code first}. */
    private static MediaPlaylist window(long first, int count, boolean ended) {
        StringBuilder text = new StringBuilder("#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXT-X-MEDIA-SEQUENCE:" + first + "\n");
        for (long s = first; s < first + count; s++) {
            text.append("#EXTINF:1.0,\ns").append(s).append(".ts\n");
        }
        return MediaPlaylist.parse(text + (ended ? "#EXT-X-ENDLIST\n" : ""), BASE);
    }

    @Test
    void withoutPeersJoinsThreeSegmentsFromTheEndAndWithPeersFour() {
        assertThat(JoinPosition.join(window(10, false), JoinPosition.WITHOUT_PEERS)).isEqualTo(13);
        assertThat(JoinPosition.join(window(10, 10, false), JoinPosition.WITHOUT_PEERS)).isEqualTo(17);
        assertThat(JoinPosition.join(window(10, false), JoinPosition.WITH_PEERS)).isEqualTo(12);
        assertThat(JoinPosition.join(window(10, 10, false), JoinPosition.WITH_PEERS)).isEqualTo(16);
        assertThat(JoinPosition.join(window(10, true), 7)).as("an ended playlist from its start").isEqualTo(10);
    }

    @Test
    void joinsDeeperWhenAskedWhileTheWindowKeepsTwoListedBehind() {
        assertThat(JoinPosition.join(window(10, 10, false), 7)).as("10 listed: 10-19, so 12").isEqualTo(12);
        assertThat(JoinPosition.join(window(10, 30, false), 7)).as("a long window: seven back").isEqualTo(32);
    }

    @Test
    void aShortWindowKeepsRoomBehindButNeverStartsNearerTheEndThanWithPeersByDefault() {
        assertThat(JoinPosition.join(window(10, false), 7)).as("6 listed, low latency: four from the end")
                .isEqualTo(12);
        assertThat(JoinPosition.join(window(10, 8, false), 7)).as("8 listed: two kept behind").isEqualTo(12);
        assertThat(JoinPosition.join(window(10, 3, false), 7)).as("3 listed: the first").isEqualTo(10);
        assertThat(JoinPosition.join(window(10, 3, false), JoinPosition.WITHOUT_PEERS))
                .as("asked for less than the default: as asked").isEqualTo(10);
    }

    @Test
    void aPlayheadTheWindowHasLeftBehindRejoinsAsAtStart() {
        MediaPlaylist moved = window(30, false);
        Set<Long> onHandOrListed = Set.of(26L, 27L);

        assertThat(JoinPosition.rejoin(moved, 12, onHandOrListed::contains, JoinPosition.WITH_PEERS)).hasValue(32);
        assertThat(JoinPosition.rejoin(moved, 26, onHandOrListed::contains, JoinPosition.WITH_PEERS))
                .as("still listed behind the window, so it can be fetched").isEmpty();
        assertThat(JoinPosition.rejoin(moved, 31, s -> false, JoinPosition.WITH_PEERS)).as("inside the window").isEmpty();
        assertThat(JoinPosition.rejoin(window(30, true), 12, s -> false, JoinPosition.WITH_PEERS))
                .as("an ended playlist waits").isEmpty();
        assertThat(JoinPosition.rejoin(moved, -1, s -> false, JoinPosition.WITH_PEERS)).as("not started").isEmpty();
    }
}
