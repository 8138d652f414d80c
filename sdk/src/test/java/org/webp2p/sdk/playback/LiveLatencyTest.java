package org.webp2p.sdk.playback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LiveLatencyTest {
    private static final Instant T0 = Instant.parse("2026-12-07T03:00:00Z");
    private final AtomicLong now = new AtomicLong(T0.toEpochMilli());
    private final LiveLatency latency = new LiveLatency(now::get);

    @Test
    void isNowLessTheDateOfThePlayingSegmentLessThePositionInIt() {
        latency.dated(10, T0);
        latency.dated(11, T0.plusMillis(2_000));
        now.set(T0.toEpochMilli() + 9_000);

        assertThat(latency.latencyMs(10, 0)).isEqualTo(9_000);
        assertThat(latency.latencyMs(10, 1_500)).isEqualTo(7_500);
        assertThat(latency.latencyMs(11, 500)).isEqualTo(6_500);
    }

    @Test
    void aPlayerAtRealTimeSpeedStaysTheSameDistanceBehind() {
        VirtualPlayer player = new VirtualPlayer(now::get, now.get(), 0);
        for (long s = 0; s < 4; s++) {
            latency.dated(s, T0.plusMillis(2_000 * s));
            player.describe(s, 2_000);
        }
        now.addAndGet(5_000);
        player.startAt(0);
        player.arrived(0);
        player.arrived(1);
        player.arrived(2);
        player.arrived(3);
        assertThat(latency.latencyMs(player)).isEqualTo(5_000);

        now.addAndGet(3_100);
        player.tick();
        assertThat(player.playhead()).isEqualTo(1);
        assertThat(latency.latencyMs(player)).isEqualTo(5_000);
    }

    @Test
    void cannotTellForAnUndatedSegmentBeforeTheFirstFrameOrWithAClockBehindTheEncoder() {
        VirtualPlayer player = new VirtualPlayer(now::get, now.get(), 2_500);
        latency.dated(0, T0.minusSeconds(4));
        player.describe(0, 2_000);
        player.startAt(0);
        player.arrived(0);
        assertThat(player.stats().startupMs()).as("short of its minimum buffer").isNegative();
        assertThat(latency.latencyMs(player)).isEqualTo(-1);

        assertThat(latency.latencyMs(7, 0)).as("undated").isEqualTo(-1);
        latency.dated(8, T0.plusSeconds(3));
        assertThat(latency.latencyMs(8, 0)).as("dated ahead of this clock").isEqualTo(-1);
    }

    @Test
    void forgetsTheDatesBehindThePlayhead() {
        latency.dated(1, T0);
        latency.dated(2, T0);
        assertThat(latency.latencyMs(2, 0)).isZero();
        assertThat(latency.latencyMs(1, 0)).as("forgotten once passed").isEqualTo(-1);
    }
}
