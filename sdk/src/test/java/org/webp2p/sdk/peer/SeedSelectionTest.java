package org.webp2p.sdk.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.IntPredicate;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class SeedSelectionTest {
    private static final long EARLY = 5_000;
    private static final long LATE = 500;

    private static final double UNMEASURED = -1;

    private static double seedsPerSegment(int swarm, long msBeforeUrgent) {
        return seedsPerSegment(swarm, msBeforeUrgent, peer -> UNMEASURED, peer -> true);
    }

    /**
     * Seeds per segment among the clients {@code counted} of a swarm whose client {@code peer} has
     * measured {@code uplinkShare.applyAsDouble(peer)}.
     */
    private static double seedsPerSegment(int swarm, long msBeforeUrgent, IntToDoubleFunction uplinkShare,
                                          IntPredicate counted) {
        int seeds = 0;
        int segments = 2_000;
        for (long seq = 0; seq < segments; seq++) {
            for (int peer = 0; peer < swarm; peer++) {
                if (counted.test(peer) && SeedSelection.seeds("peer-" + peer, seq, swarm, msBeforeUrgent,
                        uplinkShare.applyAsDouble(peer))) {
                    seeds++;
                }
            }
        }
        return seeds / (double) segments;
    }

    @Test
    void aFewClientsSeedEachSegmentWhateverTheSwarmSize() {
        assertThat(seedsPerSegment(200, EARLY)).isBetween(2.7, 3.3);
        assertThat(seedsPerSegment(10, EARLY)).isBetween(2.2, 2.8);
        assertThat(seedsPerSegment(2, EARLY)).isBetween(0.9, 1.1);
    }

    @Test
    void moreClientsFetchASegmentNobodyHasShortlyBeforeItTurnsUrgent() {
        assertThat(seedsPerSegment(200, LATE)).isBetween(8.0, 10.0);
        assertThat(seedsPerSegment(2, LATE)).as("everyone, in a pair").isEqualTo(2.0);
    }

    @Test
    void clientsWithFastUplinksSeedMostSegmentsAndAMixedSwarmKeepsAboutAsManySeeds() {
        // 60% of the swarm carries the whole limit, 40% a third of it, as on the mixed profile.
        IntPredicate fast = peer -> peer % 5 < 3;
        IntToDoubleFunction mixed = peer -> fast.test(peer) ? 1.0 : 1 / 3.0;
        assertThat(seedsPerSegment(200, EARLY, mixed, peer -> true)).isBetween(2.5, 3.3);
        assertThat(seedsPerSegment(200, EARLY, mixed, fast))
                .isGreaterThan(3 * seedsPerSegment(200, EARLY, mixed, fast.negate()));
    }

    @Test
    void aLoneOrUnknownSwarmFetchesEverything() {
        assertThat(SeedSelection.seeds("a", 1, 0, EARLY, UNMEASURED)).isTrue();
        assertThat(SeedSelection.seeds("a", 1, 1, EARLY, 0.1)).isTrue();
    }

    @Test
    void theSameClientAndSegmentAlwaysDecideAlike() {
        assertThat(SeedSelection.uniform("x", 42)).isEqualTo(SeedSelection.uniform("x", 42))
                .isNotEqualTo(SeedSelection.uniform("x", 43));
    }
}
