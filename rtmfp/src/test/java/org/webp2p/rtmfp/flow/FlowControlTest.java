package org.webp2p.rtmfp.flow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.webp2p.rtmfp.RtmfpParams;

class FlowControlTest {
    private static final RtmfpParams PARAMS = RtmfpParams.defaults();

    @Test
    void ertoFollowsSmoothedRttWithinBounds() {
        RttEstimator rtt = new RttEstimator(PARAMS);
        assertThat(rtt.ertoMillis()).isEqualTo(PARAMS.initialErtoMillis());
        rtt.onSample(100);
        // first sample: SRTT 100, RTTVAR 50, and the far end's 200 ms delayed ack -> 500
        assertThat(rtt.ertoMillis()).isEqualTo(500);
        rtt.onSample(1);
        rtt.onSample(1);
        rtt.onSample(1);
        assertThat(rtt.ertoMillis()).isGreaterThanOrEqualTo(PARAMS.minimumErtoMillis());
    }

    @Test
    void ertoWaitsForADelayedAcknowledgementOnASteadyPath() {
        RttEstimator rtt = new RttEstimator(PARAMS);
        for (int i = 0; i < 50; i++) {
            rtt.onSample(80);
        }

        assertThat(rtt.ertoMillis()).as("a lone packet's ack comes a delayed ack after the round trip")
                .isGreaterThan(80 + PARAMS.delayedAckMillis());
    }

    @Test
    void ertoBacksOffUpToTheMaximum() {
        RttEstimator rtt = new RttEstimator(PARAMS);
        for (int i = 0; i < 20; i++) {
            rtt.backOff();
        }
        assertThat(rtt.ertoMillis()).isEqualTo(PARAMS.maximumErtoMillis());
    }

    @Test
    void slowStartGrowsBySegmentPerAckThenHalvesOnceOnLoss() {
        CongestionWindow window = new CongestionWindow(1000, 4, 2);
        window.onAcknowledged(1000);
        window.onAcknowledged(1000);
        assertThat(window.bytes()).isEqualTo(6000);
        window.onLoss(0, 100, 1);
        assertThat(window.bytes()).isEqualTo(3000);
        window.onLoss(50, 100, 1);
        assertThat(window.bytes()).as("second loss within one RTT is the same event").isEqualTo(3000);
        window.onAcknowledged(2000);
        assertThat(window.bytes()).as("congestion avoidance: nothing until a window's worth is acked").isEqualTo(3000);
        window.onAcknowledged(1000);
        assertThat(window.bytes()).as("then a segment").isEqualTo(4000);
    }

    @Test
    void congestionAvoidanceGrowsASegmentPerWindowHoweverTheAcksAreSpread() {
        CongestionWindow perPacket = new CongestionWindow(1000, 20, 2);
        CongestionWindow everySecond = new CongestionWindow(1000, 20, 2);
        perPacket.onLoss(0, 100, 1);
        everySecond.onLoss(0, 100, 1);
        for (int i = 0; i < 10; i++) {
            perPacket.onAcknowledged(1000);
        }
        for (int i = 0; i < 5; i++) {
            everySecond.onAcknowledged(2000);
        }

        assertThat(perPacket.bytes()).isEqualTo(11_000);
        assertThat(everySecond.bytes()).as("delayed acks do not slow it").isEqualTo(11_000);
    }

    @Test
    void timeoutCollapsesTheWindow() {
        CongestionWindow window = new CongestionWindow(1000, 10, 2);
        window.onTimeout();
        assertThat(window.bytes()).isEqualTo(2000);
    }

    @Test
    void halvingIsUndoneOnceEveryFragmentItWasForTurnsOutDelivered() {
        CongestionWindow window = new CongestionWindow(1000, 10, 2);
        assertThat(window.onLoss(100, 50, 1)).isTrue();
        assertThat(window.onLoss(120, 50, 1)).as("same round trip: joins the halving").isFalse();
        assertThat(window.bytes()).isEqualTo(5000);

        window.onSpuriousLoss(100);
        assertThat(window.bytes()).as("one of two still unexplained").isEqualTo(5000);
        window.onSpuriousLoss(120);
        assertThat(window.bytes()).isEqualTo(10_000);
        window.onAcknowledged(1000);
        assertThat(window.bytes()).as("back in slow start, as before the halving").isEqualTo(11_000);
    }

    @Test
    void halvingStaysWhenOneOfItsFragmentsWasReallyLost() {
        CongestionWindow window = new CongestionWindow(1000, 10, 2);
        window.onLoss(100, 50, 2);

        window.onSpuriousLoss(100);

        assertThat(window.bytes()).isEqualTo(5000);
    }

    @Test
    void aSpuriousLossOfAnEarlierHalvingDoesNotUndoTheCurrentOne() {
        CongestionWindow window = new CongestionWindow(1000, 20, 2);
        window.onLoss(100, 50, 1);
        window.onLoss(200, 50, 1);
        assertThat(window.bytes()).isEqualTo(5000);

        window.onSpuriousLoss(100);

        assertThat(window.bytes()).isEqualTo(5000);
    }

    @Test
    void aTimeoutIsNeverUndone() {
        CongestionWindow window = new CongestionWindow(1000, 10, 2);
        window.onLoss(100, 50, 1);
        window.onTimeout();

        window.onSpuriousLoss(100);

        assertThat(window.bytes()).isEqualTo(2000);
    }

    @Test
    void reorderingWindowIsAQuarterOfTheMinimumRoundTripAndGrowsWithEachSpuriousLoss() {
        ReorderingWindow reordering = new ReorderingWindow(PARAMS);
        assertThat(reordering.millis(100)).as("no sample yet: declare loss at once").isZero();
        reordering.onRttSample(120);
        reordering.onRttSample(100);
        reordering.onRttSample(140);
        assertThat(reordering.millis(130)).isEqualTo(25);

        reordering.onSpuriousLoss();
        assertThat(reordering.millis(130)).isEqualTo(50);
        for (int i = 0; i < 10; i++) {
            reordering.onSpuriousLoss();
        }
        assertThat(reordering.millis(130)).as("never past the smoothed round trip").isEqualTo(130);
    }

    @Test
    void reorderingWindowShrinksBackAfterSixteenRecoveriesWithoutAMistake() {
        ReorderingWindow reordering = new ReorderingWindow(PARAMS);
        reordering.onRttSample(100);
        reordering.onSpuriousLoss();
        for (int i = 0; i < PARAMS.reorderingResetRecoveries() - 1; i++) {
            reordering.onRecovery();
        }
        assertThat(reordering.millis(100)).isEqualTo(50);

        reordering.onRecovery();

        assertThat(reordering.millis(100)).isEqualTo(25);
    }

    @Test
    void anAckSoonerThanHalfTheMinimumRoundTripAfterARetransmissionWasForTheFirstCopy() {
        ReorderingWindow reordering = new ReorderingWindow(PARAMS);
        assertThat(reordering.tooSoonForRetransmission(1)).as("no sample: cannot tell").isFalse();
        reordering.onRttSample(100);

        assertThat(reordering.tooSoonForRetransmission(30)).isTrue();
        assertThat(reordering.tooSoonForRetransmission(50)).isFalse();
    }
}
