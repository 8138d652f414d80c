package org.webp2p.sdk.peer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeedSelectionTest {
    private static final long EARLY = 5_000;
    private static final long LATE = 500;

    private static double seedsPerSegment(int swarm, long msBeforeUrgent) {
        int seeds = 0;
        int segments = 2_000;
        for (long seq = 0; seq < segments; seq++) {
            for (int peer = 0; peer < swarm; peer++) {
                if (SeedSelection.seeds("peer-" + peer, seq, swarm, msBeforeUrgent)) {
                    seeds++;
                }
            }
        }
        return seeds / (double) segments;
    }

    @Test
    void aFewClientsSeedEachSegmentWhateverTheSwarmSize() {
        assertThat(seedsPerSegment(200, EARLY)).isBetween(4.5, 5.5);
        assertThat(seedsPerSegment(10, EARLY)).isBetween(2.2, 2.8);
        assertThat(seedsPerSegment(2, EARLY)).isBetween(0.9, 1.1);
    }

    @Test
    void moreClientsFetchASegmentNobodyHasShortlyBeforeItTurnsUrgent() {
        assertThat(seedsPerSegment(200, LATE)).isBetween(13.5, 16.5);
        assertThat(seedsPerSegment(2, LATE)).as("everyone, in a pair").isEqualTo(2.0);
    }

    @Test
    void aLoneOrUnknownSwarmFetchesEverything() {
        assertThat(SeedSelection.seeds("a", 1, 0, EARLY)).isTrue();
        assertThat(SeedSelection.seeds("a", 1, 1, EARLY)).isTrue();
    }

    @Test
    void theSameClientAndSegmentAlwaysDecideAlike() {
        assertThat(SeedSelection.uniform("x", 42)).isEqualTo(SeedSelection.uniform("x", 42))
                .isNotEqualTo(SeedSelection.uniform("x", 43));
    }
}
