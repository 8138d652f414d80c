package org.webp2p.sdk.abr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;
import org.webp2p.sdk.http.Transfer;

class AbandonRuleTest {
    /** The demo's renditions: 90p and 180p, by their peak bitrates. */
    private static final List<Long> DEMO = List.of(120_000L, 230_000L);
    private static final List<Long> THREE = List.of(500_000L, 1_500_000L, 4_000_000L);
    /** A 180p segment of the demo: 2 s, 57 kB. */
    private static final long SEGMENT_MS = 2_000;
    private static final long SEGMENT_BYTES = 57_000;
    private final AbandonRule rule = AbandonRule.defaults();
    private final FakeTransfer seven = new FakeTransfer();
    private final FakeTransfer eight = new FakeTransfer();
    private final DownloadWatch watch = watchingSevenAndEight();

    /** {@code bytes} of a 180p segment after {@code elapsedMs}, with {@code untilNeeded} until it plays. */
    private static AbandonRule.Progress at180p(long bytes, long elapsedMs, long untilNeeded) {
        return new AbandonRule.Progress(1, SEGMENT_MS, bytes, SEGMENT_BYTES, elapsedMs, untilNeeded);
    }

    @Test
    void aDownloadThatArrivesBeforeItsSegmentPlaysGoesOn() {
        // 400 kbit/s: the remaining 27 kB take 540 ms, with 2 s to go.
        assertThat(rule.lower(DEMO, at180p(30_000, 600, 2_000))).isEqualTo(1);
    }

    @Test
    void aDownloadThatWouldArriveAfterTheBufferRunsOutIsRefetchedAtTheLowerRenditionThatArrivesInTime() {
        // 85 kbit/s, as on the slow link shared by two downloads: 4.8 s for the rest, with 3 s to go;
        // a 90p copy (30 kB) takes 2.8 s at that rate.
        assertThat(rule.lower(DEMO, at180p(6_375, 600, 3_000))).isZero();
    }

    @Test
    void picksTheHighestLowerRenditionThatArrivesInTime() {
        // 4 Mbit/s segments of 2 s, 1 MB; 2 Mbit/s measured: 1.5 Mbit/s (375 kB) takes 1.5 s, 0.5 Mbit/s 0.5 s.
        AbandonRule.Progress p = new AbandonRule.Progress(2, 2_000, 250_000, 1_000_000, 1_000, 1_600);
        assertThat(rule.lower(THREE, p)).isEqualTo(1);
        AbandonRule.Progress tighter = new AbandonRule.Progress(2, 2_000, 250_000, 1_000_000, 1_000, 1_400);
        assertThat(rule.lower(THREE, tighter)).isZero();
    }

    @Test
    void whenNoRenditionArrivesInTimeTheLowestIsTakenIfItComesSoonerThanTheRest() {
        // 40 kbit/s: the rest takes 10.4 s, a 90p copy 6 s, and 1 s is left: the 90p copy stalls less.
        assertThat(rule.lower(DEMO, at180p(5_000, 1_000, 1_000))).isZero();
        // Nearly all of it here: the rest (0.15 s past the buffer) beats any copy (2.2 s for 90p).
        assertThat(rule.lower(DEMO, at180p(55_000, 4_000, 0))).as("keeps what is nearly whole").isEqualTo(1);
    }

    @Test
    void aDownloadIsNotJudgedBeforeItsRateCanBeBelieved() {
        assertThat(rule.lower(DEMO, at180p(100, 499, 100))).isEqualTo(1);
        assertThat(rule.lower(DEMO, at180p(100, 500, 100))).isZero();
    }

    @Test
    void anUnknownLengthIsTakenAsTheRenditionsBitrateOverTheSegment() {
        // 230 kbit/s over 2 s is 57.5 kB; at 85 kbit/s the rest takes 4.8 s.
        AbandonRule.Progress p = new AbandonRule.Progress(1, SEGMENT_MS, 6_375, -1, 600, 3_000);
        assertThat(rule.lower(DEMO, p)).isZero();
        AbandonRule.Progress inTime = new AbandonRule.Progress(1, SEGMENT_MS, 6_375, -1, 600, 5_000);
        assertThat(rule.lower(DEMO, inTime)).isEqualTo(1);
    }

    @Test
    void theLowestRenditionIsNeverAbandoned() {
        AbandonRule.Progress p = new AbandonRule.Progress(0, SEGMENT_MS, 100, 30_000, 5_000, 0);
        assertThat(rule.lower(DEMO, p)).isZero();
    }

    @Test
    void refusesANegativeWatchTime() {
        assertThatThrownBy(() -> new AbandonRule(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A download whose progress the test sets; it records being given up. */
    private static final class FakeTransfer implements Transfer {
        long bytes;
        boolean abandoned;

        @Override
        public long bodyBytes() {
            return bytes;
        }

        @Override
        public long expectedBytes() {
            return SEGMENT_BYTES;
        }

        @Override
        public void abandon() {
            abandoned = true;
        }
    }

    @Test
    void theWatchHandsBackOnlyTheDownloadsThatWillComeTooLateAndOnlyOnce() {
        long clock = 0;
        // Segment 7 plays 3 s after the downloads began and segment 8 two seconds later.
        long playsAt7 = clock + 3_000;
        List<DownloadWatch.Abandon> handed = new ArrayList<>();

        clock += 300;
        seven.bytes = 3_000;
        eight.bytes = 20_000;
        handed.addAll(watch.check(clock, DEMO, untilPlays(playsAt7, clock)));
        assertThat(handed).as("too soon to judge").isEmpty();

        clock += 300;
        seven.bytes = 6_375;
        eight.bytes = 40_000;
        handed.addAll(watch.check(clock, DEMO, untilPlays(playsAt7, clock)));
        assertThat(handed).extracting(DownloadWatch.Abandon::sequence, DownloadWatch.Abandon::from,
                DownloadWatch.Abandon::to).containsExactly(tuple(7L, 1, 0));
        DownloadWatch.Abandon a = handed.get(0);
        assertThat(a.transfer()).isSameAs(seven);
        assertThat(a.bitsPerSecond()).as("measured during the transfer").isEqualTo(85_000);
        assertThat(a.bodyBytes()).isEqualTo(6_375);
        assertThat(a.elapsedMs()).isEqualTo(600);
        assertThat(seven.abandoned).as("the owner gives it up, not the watch").isFalse();
        assertThat(watch.sequences()).containsExactly(8L);

        clock += 1_000;
        handed.addAll(watch.check(clock, DEMO, untilPlays(playsAt7, clock)));
        assertThat(handed).as("handed back once").hasSize(1);

        watch.ended(8, new FakeTransfer());
        assertThat(watch.sequences()).as("another download of 8 ending leaves this one").containsExactly(8L);
        watch.ended(8, eight);
        assertThat(watch.sequences()).isEmpty();
    }

    @Test
    void theLinksRateIsMeasuredDuringTheDownloadsFromTheirFirstBytesAndLowersTheEstimate() {
        long clock = 0;
        clock += 100;
        assertThat(watch.flowingBps(clock)).as("nothing has come yet").isZero();
        clock += 200; // the origin's answer time and the handshake are not the link's rate
        seven.bytes = 1_000;
        eight.bytes = 1_000;
        assertThat(watch.flowingBps(clock)).as("first bytes seen").isZero();
        clock += 400;
        seven.bytes += 4_250;
        eight.bytes += 4_250;
        assertThat(watch.flowingBps(clock)).as("not yet watched long enough").isZero();
        clock += 100;
        seven.bytes += 1_062;
        eight.bytes += 1_062;
        // 5_312 bytes each in 500 ms: 85 kbit/s each, 170 kbit/s the link.
        assertThat(watch.flowingBps(clock)).isCloseTo(170_000, offset(100.0));

        ThroughputMeter meter = new ThroughputMeter();
        assertThat(meter.estimateBps(170_000)).as("before any segment").isEqualTo(170_000);
        meter.sample(250_000, 1_000); // 2 Mbit/s on the link before it dropped
        assertThat(meter.estimateBps(watch.flowingBps(clock))).as("the download under way shows the drop")
                .isCloseTo(170_000, offset(100.0));
        assertThat(meter.estimateBps(0)).as("nothing under way").isEqualTo(2_000_000);
        assertThat(meter.estimateBps(5_000_000)).as("a faster download does not raise it").isEqualTo(2_000_000);
    }

    /** A watch of two 180p downloads, of segments 7 and 8, begun at 0 ms. */
    private DownloadWatch watchingSevenAndEight() {
        DownloadWatch watch = new DownloadWatch(rule);
        watch.started(7, seven, 1, SEGMENT_MS, 0);
        watch.started(8, eight, 1, SEGMENT_MS, 0);
        return watch;
    }

    private static LongUnaryOperator untilPlays(long playsAt7, long now) {
        return sequence -> playsAt7 + (sequence - 7) * SEGMENT_MS - now;
    }
}
