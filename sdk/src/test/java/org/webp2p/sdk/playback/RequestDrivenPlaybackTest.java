package org.webp2p.sdk.playback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RequestDrivenPlaybackTest {
    private final AtomicLong now = new AtomicLong(10_000);
    private final RequestDrivenPlayback playback = new RequestDrivenPlayback(now::get);

    @Test
    void theRequestedSegmentBecomesThePlayheadAndIsNeededNow() {
        for (long s = 10; s < 20; s++) {
            playback.describe(s, 2000);
        }
        playback.startAt(17);
        assertThat(playback.playhead()).isEqualTo(17);

        playback.requested(12);

        assertThat(playback.playhead()).isEqualTo(12);
        assertThat(playback.msUntilNeeded(12, 1000)).isZero();
        assertThat(playback.msUntilNeeded(14, 1000)).isEqualTo(4000);
        playback.startAt(17);
        assertThat(playback.playhead()).as("a request outranks the default start").isEqualTo(12);
    }

    @Test
    void seekingBackIsFollowed() {
        playback.requested(30);
        playback.requested(25);

        assertThat(playback.playhead()).isEqualTo(25);
    }

    @Test
    void buffersCountContiguousSegmentsAndServedMediaCountsAsPlayed() {
        playback.describe(1, 2000);
        playback.describe(2, 3000);
        playback.describe(3, 2000);
        playback.requested(1);
        playback.arrived(1);
        playback.arrived(2);
        playback.arrived(4);
        assertThat(playback.bufferAheadMs()).isEqualTo(5000);

        now.addAndGet(350);
        playback.served(1);
        playback.served(2);

        assertThat(playback.stats()).isEqualTo(new PlaybackStats(350, 0, 0, 5000));
        playback.requested(2);
        assertThat(playback.has(1)).as("behind the playhead").isFalse();
        assertThat(playback.has(2)).isTrue();
    }
}
