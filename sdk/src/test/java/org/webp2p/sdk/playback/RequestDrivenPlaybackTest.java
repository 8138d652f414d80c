package org.webp2p.sdk.playback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RequestDrivenPlaybackTest {
    private final AtomicLong now = new AtomicLong(10_000);
    private final RequestDrivenPlayback playback = new RequestDrivenPlayback(now::get, now.get());

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
        playback.answered(30, true);
        playback.requested(25);
        playback.answered(25, true);

        assertThat(playback.playhead()).isEqualTo(25);
    }

    @Test
    void theEarliestUnansweredRequestHoldsThePlayheadWhileThePlayerReadsAhead() {
        playback.requested(10);
        playback.requested(11);
        playback.requested(12);
        assertThat(playback.playhead()).isEqualTo(10);

        playback.answered(10, true);
        assertThat(playback.playhead()).isEqualTo(11);
        playback.answered(11, false);
        playback.answered(12, true);
        assertThat(playback.playhead()).as("the latest asked for, once all are answered").isEqualTo(12);
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
        playback.answered(1, true);
        playback.requested(2);
        playback.answered(2, true);
        playback.requested(3);
        playback.answered(3, false);

        assertThat(playback.stats()).as("a failed answer plays nothing").isEqualTo(new PlaybackStats(350, 0, 0, 5000));
        assertThat(playback.has(2)).as("behind the playhead").isFalse();
        assertThat(playback.has(4)).isTrue();
    }
}
