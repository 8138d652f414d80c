package org.webp2p.nat.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The link's arithmetic on a fake clock: nanoseconds passed in, no sockets. */
class LinkShaperTest {
    private static final long MS = 1_000_000;
    /** An arbitrary start: System.nanoTime may be anywhere, negative included. */
    private static final long T0 = -5_000 * MS;

    @Test
    void delayAloneReleasesEachDatagramThatMuchLater() {
        LinkShaper shaper = shaper(conditions(40, 0, 0, 0, 0), 0);

        assertThat(shaper.admit(1200, T0)).isEqualTo(T0 + 40 * MS);
        assertThat(shaper.admit(1200, T0 + 7 * MS)).isEqualTo(T0 + 47 * MS);
    }

    @Test
    void jitterKeepsEachDelayWithinItsBoundsAndUsesThemBoth() {
        LinkShaper shaper = shaper(conditions(50, 10, 0, 0, 0), 0);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < 2_000; i++) {
            long now = T0 + i * MS;
            long delay = shaper.admit(100, now) - now;
            min = Math.min(min, delay);
            max = Math.max(max, delay);
        }

        assertThat(min).isBetween(40 * MS, 42 * MS);
        assertThat(max).isBetween(58 * MS, 60 * MS);
    }

    @Test
    void lossDropsItsShareOfManyDatagramsAndCountsThem() {
        LinkShaper shaper = shaper(conditions(0, 0, 0.01, 0, 0), 0);
        int lost = 0;
        for (int i = 0; i < 100_000; i++) {
            if (shaper.admit(100, T0 + i * MS) == LinkShaper.LOST) {
                lost++;
            }
        }

        assertThat(lost).isBetween(900, 1_100);
        assertThat(shaper.counters()).isEqualTo(new LinkCounters.Direction(100_000 - lost, lost, 0));
    }

    @Test
    void sameSeedLosesTheSameDatagrams() {
        LinkShaper a = shaper(conditions(20, 5, 0.2, 0, 0), 0);
        LinkShaper b = shaper(conditions(20, 5, 0.2, 0, 0), 0);

        for (int i = 0; i < 1_000; i++) {
            assertThat(a.admit(500, T0 + i * MS)).isEqualTo(b.admit(500, T0 + i * MS));
        }
    }

    @Test
    void rateCapSendsABurstOneDatagramAfterAnother() {
        // 1 Mbit/s: 1,250 bytes take 10 ms.
        LinkShaper shaper = shaper(conditions(30, 0, 0, 0, 1_000), 1_000_000);

        for (int i = 1; i <= 5; i++) {
            assertThat(shaper.admit(1_250, T0)).isEqualTo(T0 + i * 10 * MS + 30 * MS);
        }
        // An idle link sends at once again.
        assertThat(shaper.admit(1_250, T0 + 500 * MS)).isEqualTo(T0 + 540 * MS);
    }

    @Test
    void fullQueueDropsTheTailUntilItDrains() {
        // 1 Mbit/s with 100 ms of queue: 12,500 bytes, ten datagrams of 1,250.
        LinkShaper shaper = shaper(conditions(0, 0, 0, 0, 100), 1_000_000);

        for (int i = 0; i < 10; i++) {
            assertThat(shaper.admit(1_250, T0)).isNotEqualTo(LinkShaper.QUEUE_FULL);
        }
        assertThat(shaper.admit(1_250, T0)).isEqualTo(LinkShaper.QUEUE_FULL);
        assertThat(shaper.admit(1_250, T0 + 9 * MS)).isEqualTo(LinkShaper.QUEUE_FULL);
        // Once the first has gone there is room for one more, sent after the other nine.
        assertThat(shaper.admit(1_250, T0 + 10 * MS)).isEqualTo(T0 + 110 * MS);
        assertThat(shaper.counters()).isEqualTo(new LinkCounters.Direction(11, 0, 2));
    }

    @Test
    void slowLinkStillQueuesAFewFullDatagrams() {
        LinkShaper shaper = shaper(conditions(0, 0, 0, 0, 10), 100_000);

        for (int i = 0; i < 8; i++) {
            assertThat(shaper.admit(1_500, T0)).isNotEqualTo(LinkShaper.QUEUE_FULL);
        }
        assertThat(shaper.admit(1_500, T0)).isEqualTo(LinkShaper.QUEUE_FULL);
    }

    @Test
    void streamSharesTheRateWithDatagramsButIsNeverDropped() {
        LinkShaper shaper = shaper(conditions(20, 10, 0, 0, 100), 1_000_000);

        assertThat(shaper.admitStream(125_000, T0)).isEqualTo(T0 + 1_000 * MS + 20 * MS);
        // The link is busy for a second: a datagram now waits behind the stream, beyond the queue.
        assertThat(shaper.admit(100, T0)).isEqualTo(LinkShaper.QUEUE_FULL);
        assertThat(shaper.admitStream(1_250, T0 + 1 * MS)).isEqualTo(T0 + 1_010 * MS + 20 * MS);
    }

    @Test
    void streamPausesWhileTheQueueIsOverFullUntilItIsHalfEmpty() {
        // 1 Mbit/s with 100 ms of queue; 25,000 bytes take 200 ms.
        LinkShaper shaper = shaper(conditions(20, 0, 0, 0, 100), 1_000_000);

        shaper.admitStream(10_000, T0);
        assertThat(shaper.overFull(T0)).isFalse();
        shaper.admitStream(15_000, T0);
        assertThat(shaper.overFull(T0)).isTrue();
        assertThat(shaper.nanosUntilHalfEmpty(T0)).isEqualTo(150 * MS);
        assertThat(shaper.overFull(T0 + 120 * MS)).isFalse();
        assertThat(shaper.nanosUntilHalfEmpty(T0 + 120 * MS)).isEqualTo(30 * MS);
        assertThat(shaper.nanosUntilHalfEmpty(T0 + 150 * MS)).isZero();
        // Half the queue is free again: datagrams fit.
        assertThat(shaper.admit(1_000, T0 + 150 * MS)).isEqualTo(T0 + 208 * MS + 20 * MS);
    }

    private static LinkConditions conditions(long delayMs, long jitterMs, double loss, long bps, long queueMs) {
        return new LinkConditions(Duration.ofMillis(delayMs), Duration.ofMillis(jitterMs), loss, bps, bps,
                Duration.ofMillis(queueMs));
    }

    private static LinkShaper shaper(LinkConditions conditions, long bitsPerSecond) {
        return new LinkShaper(conditions, bitsPerSecond, new Random(42));
    }
}
