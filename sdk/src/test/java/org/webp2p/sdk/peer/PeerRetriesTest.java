package org.webp2p.sdk.peer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PeerRetriesTest {
    private final PeerRetries retries = new PeerRetries();

    @Test
    void aFirstFailureWaitsFiveSecondsAndEachOneInARowDoublesItUpToAMinute() {
        long now = 1_000;
        assertThat(retries.failed("a", now)).isEqualTo(now + 5_000);
        assertThat(retries.waiting("a", now + 4_999)).isTrue();
        assertThat(retries.waiting("a", now + 5_000)).isFalse();
        assertThat(retries.failed("a", now + 5_000)).isEqualTo(now + 5_000 + 10_000);
        assertThat(retries.failed("a", now + 20_000)).isEqualTo(now + 20_000 + 20_000);
        assertThat(retries.failed("a", now + 40_000)).isEqualTo(now + 40_000 + 40_000);
        assertThat(retries.failed("a", now + 80_000)).isEqualTo(now + 80_000 + 60_000);
        assertThat(retries.failed("a", now + 140_000)).isEqualTo(now + 140_000 + 60_000);
        assertThat(retries.waiting("b", now)).as("another peer is not held back").isFalse();
    }

    @Test
    void aLinkThatCameUpStartsTheWaitsAfresh() {
        retries.failed("a", 0);
        retries.failed("a", 5_000);
        retries.linked("a");

        assertThat(retries.waiting("a", 5_001)).isFalse();
        assertThat(retries.failed("a", 30_000)).isEqualTo(35_000);
    }

    @Test
    void aPeerThatRefusedWaitsAMinuteAndOneWithoutAnIdForever() {
        assertThat(retries.refused("full", 0)).isEqualTo(60_000);
        assertThat(retries.waiting("full", 59_999)).isTrue();
        retries.never("not-an-id");

        assertThat(retries.waiting("not-an-id", Long.MAX_VALUE - 1)).isTrue();
    }

    @Test
    void anotherSwarmForgetsEveryWait() {
        retries.refused("full", 0);
        retries.clear();

        assertThat(retries.waiting("full", 1)).isFalse();
    }
}
