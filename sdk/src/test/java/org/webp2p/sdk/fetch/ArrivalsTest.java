package org.webp2p.sdk.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArrivalsTest {
    private final Arrivals arrivals = new Arrivals();

    @Test
    void everyWaiterGetsTheSegmentWhenItArrives() {
        var a = arrivals.await(5);
        var b = arrivals.await(5);
        var other = arrivals.await(6);
        byte[] body = {1, 2, 3};

        arrivals.arrived(5, body);

        assertThat(a).isCompletedWithValue(body);
        assertThat(b).isCompletedWithValue(body);
        assertThat(other).isNotDone();
    }

    @Test
    void anAbandonedWaiterIsLeftToItsOwnerAndOnlyOnce() {
        var a = arrivals.await(5);

        assertThat(arrivals.abandon(5, a)).isTrue();
        assertThat(arrivals.abandon(5, a)).isFalse();
        arrivals.arrived(5, new byte[] {9});
        assertThat(a).isNotDone();
    }

    @Test
    void aWaiterAlreadyServedCannotBeAbandoned() {
        var a = arrivals.await(7);
        arrivals.arrived(7, new byte[] {1});

        assertThat(arrivals.abandon(7, a)).isFalse();
    }
}
