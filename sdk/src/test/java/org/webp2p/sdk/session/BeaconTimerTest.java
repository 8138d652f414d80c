package org.webp2p.sdk.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.webp2p.sdk.time.FakeAlarmClock;

class BeaconTimerTest {
    private final FakeAlarmClock clock = new FakeAlarmClock(0);
    private final List<Long> beacons = new ArrayList<>();
    private long intervalMs = 2_000;
    private final BeaconTimer timer = new BeaconTimer(clock, () -> intervalMs, () -> {
        beacons.add(clock.nowMs());
        return CompletableFuture.completedFuture(true);
    });

    @Test
    void firstBeaconAtOnceThenOneEveryIntervalOfThePlanInForce() {
        timer.start();
        clock.advance(4_000);
        intervalMs = 5_000;
        clock.advance(10_000);
        assertThat(beacons).as("the beacon at 4 s had set the next for 6 s; the new interval counts from there")
                .containsExactly(0L, 2_000L, 4_000L, 6_000L, 11_000L);
    }

    @Test
    void neverMoreThanOneBeaconASecond() {
        intervalMs = 0;
        timer.start();
        clock.advance(2_500);
        assertThat(beacons).containsExactly(0L, 1_000L, 2_000L);
    }

    @Test
    void theLastBeaconGoesAtOnceAndNoneFollow() {
        timer.start();
        clock.advance(500);
        assertThat(timer.last()).isCompleted();
        clock.advance(60_000);
        assertThat(beacons).containsExactly(0L, 500L);
    }

    @Test
    void aLastBeaconIsSentEvenIfPlaybackNeverStarted() {
        timer.last();
        assertThat(beacons).containsExactly(0L);
    }
}
