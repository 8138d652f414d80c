package org.webp2p.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReceiveLowWatermarkTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private final ReceiveLowWatermark watermark = new ReceiveLowWatermark(50 * MS, 250 * MS);
    private long now = 1_000 * MS;

    /** Reads {@code bytes} every {@code everyMs} for {@code forMs}; returns the last watermark asked for (0: none). */
    private int steady(int bytes, long everyMs, long forMs) {
        int asked = 0;
        for (long t = 0; t < forMs; t += everyMs) {
            now += everyMs * MS;
            int w = watermark.read(now, bytes);
            if (w != 0) {
                asked = w;
            }
        }
        return asked;
    }

    @Test
    void aSteadyPublisherIsReadInBatchesOfFiftyMillisecondsOfItsRate() {
        // 6,000 bytes every 30 ms: 200 KB/s, so 10 KB arrive in 50 ms.
        assertThat(steady(6_000, 30, 600)).isBetween(9_500, 10_500);
        assertThat(watermark.current()).isBetween(9_500, 10_500);
    }

    @Test
    void holdsTheWatermarkWhileTheRateMovesByLessThanAQuarter() {
        steady(6_000, 30, 600);
        int first = watermark.current();

        assertThat(steady(7_000, 30, 2_000)).as("a sixth more: no system call").isZero();
        assertThat(watermark.current()).isEqualTo(first);
        assertThat(steady(12_000, 30, 1_000)).as("twice the rate").isBetween(19_000, 21_000);
    }

    @Test
    void aSlowSenderIsReadAsItComes() {
        // 100 bytes every 20 ms: 5 KB/s, 250 bytes per 50 ms, not worth holding back.
        assertThat(steady(100, 20, 2_000)).isZero();
        assertThat(watermark.current()).isEqualTo(1);
    }

    @Test
    void neverAsksForMoreThanSixtyFourKilobytes() {
        assertThat(steady(1_000_000, 10, 1_000)).isEqualTo(ReceiveLowWatermark.LARGEST);
    }

    @Test
    void aSenderThatGoesQuietHasItsLastBytesReadWithinTheQuietTime() {
        steady(6_000, 30, 600);
        assertThat(watermark.check(now + 200 * MS)).as("a read 200 ms ago").isZero();

        assertThat(watermark.check(now + 250 * MS)).isEqualTo(1);
        assertThat(watermark.current()).isEqualTo(1);
        assertThat(watermark.check(now + 500 * MS)).as("already reading every byte").isZero();
    }

    @Test
    void aSenderBackFromAPauseIsMeasuredAfreshBeforeItsReadsAreBatchedAgain() {
        steady(6_000, 30, 600);
        watermark.check(now + 300 * MS);
        now += 300 * MS;

        assertThat(steady(6_000, 30, 400)).as("less than half a second measured since").isZero();
        assertThat(steady(6_000, 30, 300)).isBetween(9_500, 10_500);
    }
}
