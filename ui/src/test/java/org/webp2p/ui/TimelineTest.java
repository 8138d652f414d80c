package org.webp2p.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.webp2p.protocol.admin.SwarmFigures;

class TimelineTest {
    private static final SwarmFigures NONE = new SwarmFigures("*", 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, List.of(),
            List.of());
    private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void ratesAreTheGrowthOfTheTotalsOverTheTimeBetweenSamples() {
        Timeline timeline = new Timeline(10);
        timeline.add(t0, 1_000, 0, 0, 0, NONE, List.of());
        List<TimelineSample> s = timeline.add(t0.plusMillis(500), 3_000, 500, 0, 0, NONE, List.of());
        assertThat(s).hasSize(2);
        assertThat(s.get(0).httpBps()).as("no previous sample, no rate").isZero();
        assertThat(s.get(1).httpBps()).isEqualTo(4_000);
        assertThat(s.get(1).p2pBps()).isEqualTo(1_000);
    }

    @Test
    void aTotalThatFallsIsARestartAndCountsAsNothingNotANegativeRate() {
        Timeline timeline = new Timeline(10);
        timeline.add(t0, 9_000, 9_000, 0, 0, NONE, List.of());
        List<TimelineSample> s = timeline.add(t0.plusSeconds(1), 200, 100, 0, 0, NONE, List.of());
        assertThat(s.get(1).httpBps()).isZero();
        assertThat(timeline.add(t0.plusSeconds(2), 1_200, 100, 0, 0, NONE, List.of()).get(2).httpBps()).isEqualTo(1_000);
    }

    @Test
    void aStoppedPingbackGivesNoRateOnEitherSideOfTheGap() {
        Timeline timeline = new Timeline(10);
        timeline.add(t0, 500, 500, 0, 0, NONE, List.of());
        assertThat(timeline.add(t0.plusSeconds(1), -1, -1, 0, 0, NONE, List.of()).get(1).httpBps()).isZero();
        assertThat(timeline.add(t0.plusSeconds(2), 800, 800, 0, 0, NONE, List.of()).get(2).httpBps()).isZero();
    }

    @Test
    void keepsOnlyTheNewestSamples() {
        Timeline timeline = new Timeline(3);
        List<TimelineSample> s = List.of();
        for (int i = 0; i < 5; i++) {
            s = timeline.add(t0.plusSeconds(i), 0, 0, i, 0, NONE, List.of());
        }
        assertThat(s).extracting(TimelineSample::peers).containsExactly(2, 3, 4);
    }
}
