package org.webp2p.sdk.playback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VirtualPlayerTest {
    private final AtomicLong now = new AtomicLong(10_000);
    /** Without a minimum buffer, so a test sees playback move segment by segment. */
    private final VirtualPlayer player = new VirtualPlayer(now::get, now.get(), 0);

    private void advance(long ms) {
        now.addAndGet(ms);
        player.tick();
    }

    @Test
    void startupIsTimeToTheFirstSegmentAndPlaybackRunsInRealTime() {
        player.startAt(100);
        for (long s = 100; s < 103; s++) {
            player.describe(s, 2000);
        }
        advance(700);
        player.arrived(100);
        player.arrived(101);
        assertThat(player.stats().startupMs()).isEqualTo(700);
        assertThat(player.bufferAheadMs()).isEqualTo(4000);

        advance(2500);
        assertThat(player.playhead()).isEqualTo(101);
        assertThat(player.bufferAheadMs()).isEqualTo(1500);
        assertThat(player.stats().playedMs()).isEqualTo(2500);
        assertThat(player.isStalled()).isFalse();
    }

    @Test
    void startupRunsFromTheSessionRequestToTheFirstFrameAfterTheMinimumBuffer() {
        long requested = now.get();
        now.addAndGet(300); // the API's answer and the first playlist, before the player exists
        VirtualPlayer buffering = new VirtualPlayer(now::get, requested, 2_500);
        buffering.startAt(7);
        buffering.describe(7, 2000);
        buffering.describe(8, 2000);
        now.addAndGet(400);
        buffering.arrived(7);
        assertThat(buffering.stats().startupMs()).as("2 s on hand, 2.5 s wanted").isEqualTo(-1);
        now.addAndGet(200);
        buffering.tick();
        assertThat(buffering.stats().playedMs()).as("no frame yet").isZero();

        buffering.arrived(8);

        assertThat(buffering.stats().startupMs()).isEqualTo(300 + 400 + 200);
        now.addAndGet(1000);
        buffering.tick();
        assertThat(buffering.stats().playedMs()).isEqualTo(1000);
    }

    @Test
    void aLaterSegmentAloneIsNoFirstFrame() {
        VirtualPlayer buffering = new VirtualPlayer(now::get, now.get(), 2_500);
        buffering.startAt(7);
        buffering.describe(7, 2000);
        buffering.describe(8, 2000);
        buffering.describe(9, 2000);
        buffering.arrived(8);
        buffering.arrived(9);
        assertThat(buffering.stats().startupMs()).as("the first segment is still missing").isEqualTo(-1);
        now.addAndGet(100);
        buffering.arrived(7);
        assertThat(buffering.stats().startupMs()).isEqualTo(100);
    }

    @Test
    void missingSegmentStallsOnceUntilItArrives() {
        player.startAt(0);
        player.describe(0, 1000);
        player.describe(1, 1000);
        player.arrived(0);
        advance(1000);
        advance(300);
        assertThat(player.isStalled()).isTrue();
        advance(200);
        player.arrived(1);
        advance(1000);
        assertThat(player.stats()).isEqualTo(new PlaybackStats(0, 1, 500, 2000));
        assertThat(player.playhead()).isEqualTo(2);
        advance(100);
        assertThat(player.isStalled()).as("segment 2 never came").isTrue();
        assertThat(player.stats().stalls()).isEqualTo(2);
    }

    @Test
    void tellsHowLongUntilASegmentIsNeeded() {
        player.startAt(5);
        player.describe(5, 2000);
        player.describe(6, 3000);
        assertThat(player.msUntilNeeded(8, 2000)).as("before startup: counted from the first frame")
                .isEqualTo(2000 + 3000 + 2000);
        player.arrived(5);
        advance(500);
        assertThat(player.msUntilNeeded(5, 2000)).isZero();
        assertThat(player.msUntilNeeded(6, 2000)).isEqualTo(1500);
        assertThat(player.msUntilNeeded(8, 2000)).isEqualTo(1500 + 3000 + 2000);
    }

    @Test
    void skippingForwardLeavesOutTheSegmentsBetweenAndTheStallEndsWhenTheNewPlayheadArrives() {
        player.startAt(10);
        for (long s = 10; s < 30; s++) {
            player.describe(s, 1000);
        }
        player.arrived(10);
        advance(1000);
        advance(5000);
        assertThat(player.isStalled()).as("segment 11 never came").isTrue();

        player.skipTo(20);
        assertThat(player.playhead()).isEqualTo(20);
        assertThat(player.msUntilNeeded(22, 1000)).isEqualTo(2000);
        advance(500);
        player.arrived(20);
        player.arrived(21);
        assertThat(player.isStalled()).isFalse();
        advance(1500);
        assertThat(player.playhead()).isEqualTo(21);
        assertThat(player.stats().stalls()).isEqualTo(1);

        player.skipTo(5);
        assertThat(player.playhead()).as("never backwards").isEqualTo(21);
    }
}
