package org.webp2p.sdk.abr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AbrRuleTest {
    /** The demo's renditions: 90p and 180p, by their peak bitrates. */
    private static final List<Long> DEMO = List.of(120_000L, 230_000L);
    private static final List<Long> THREE = List.of(500_000L, 1_500_000L, 4_000_000L);
    private final AbrRule rule = AbrRule.forSegments(2_000);

    @Test
    void startsWithTheLowestRenditionSoTheFirstSegmentComesSoonest() {
        assertThat(rule.start(THREE)).isZero();
    }

    @Test
    void goesUpOneRenditionOnlyWithTheMarginABufferAndTheHoldTime() {
        assertThat(rule.next(DEMO, 0, 230_000 * 1.5, 4_000, 4_000)).isEqualTo(1);
        assertThat(rule.next(DEMO, 0, 230_000 * 1.4, 4_000, 4_000)).as("short of the margin").isZero();
        assertThat(rule.next(DEMO, 0, 10_000_000, 3_999, 4_000)).as("buffer under the high mark").isZero();
        assertThat(rule.next(DEMO, 0, 10_000_000, 4_000, 3_999)).as("too soon after a switch").isZero();
        assertThat(rule.next(THREE, 0, 100_000_000, 10_000, 10_000)).as("one step at a time").isEqualTo(1);
        assertThat(rule.next(THREE, 2, 100_000_000, 10_000, 10_000)).as("nothing higher").isEqualTo(2);
    }

    @Test
    void goesDownAtOnceToWhatTheThroughputCarriesWhenItFallsUnderTheCurrentBitrate() {
        assertThat(rule.next(THREE, 2, 600_000, 10_000, 0)).isZero();
        assertThat(rule.next(THREE, 2, 2_000_000, 10_000, 0)).isEqualTo(1);
        assertThat(rule.next(THREE, 0, 100_000, 10_000, 0)).as("nothing lower").isZero();
    }

    @Test
    void aBufferUnderTheLowMarkStepsDownEvenWhenTheThroughputSeemsEnough() {
        assertThat(rule.next(THREE, 2, 5_000_000, 1_999, 60_000)).isEqualTo(1);
        assertThat(rule.next(THREE, 2, 5_000_000, 2_000, 60_000)).isEqualTo(2);
    }

    @Test
    void nothingMeasuredChangesNothing() {
        assertThat(rule.next(THREE, 1, 0, 0, 60_000)).isEqualTo(1);
    }

    @Test
    void refusesRulesAndRenditionsThatMakeNoSense() {
        assertThatThrownBy(() -> new AbrRule(0.9, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AbrRule(1.5, 5, 4, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rule.next(List.of(), 0, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rule.next(DEMO, 2, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theThroughputEstimateFollowsADropFastAndARiseSlowly() {
        ThroughputMeter m = new ThroughputMeter();
        assertThat(m.estimateBps()).isZero();
        m.sample(125_000, 1_000); // 1 Mbit/s
        assertThat(m.estimateBps()).isEqualTo(1_000_000);
        m.sample(12_500, 1_000); // 100 kbit/s
        assertThat(m.estimateBps()).as("the fast average halves the gap at once").isEqualTo(550_000);
        m.sample(1_250_000, 1_000); // 10 Mbit/s
        assertThat(m.estimateBps()).as("the slow average holds a rise back").isLessThan(2_500_000);
        m.forget();
        assertThat(m.estimateBps()).isZero();
        m.sample(20_000, 1_000);
        assertThat(m.estimateBps()).as("only what is measured after").isEqualTo(160_000);
    }
}
