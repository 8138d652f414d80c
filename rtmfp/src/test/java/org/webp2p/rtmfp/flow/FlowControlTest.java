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
        // first sample: SRTT 100, RTTVAR 50 -> 300
        assertThat(rtt.ertoMillis()).isEqualTo(300);
        rtt.onSample(1);
        rtt.onSample(1);
        rtt.onSample(1);
        assertThat(rtt.ertoMillis()).isGreaterThanOrEqualTo(PARAMS.minimumErtoMillis());
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
        window.onLoss(0, 100);
        assertThat(window.bytes()).isEqualTo(3000);
        window.onLoss(50, 100);
        assertThat(window.bytes()).as("second loss within one RTT is the same event").isEqualTo(3000);
        window.onAcknowledged(1000);
        assertThat(window.bytes()).as("congestion avoidance adds about a segment per window").isEqualTo(3333);
    }

    @Test
    void timeoutCollapsesTheWindow() {
        CongestionWindow window = new CongestionWindow(1000, 10, 2);
        window.onTimeout();
        assertThat(window.bytes()).isEqualTo(2000);
    }
}
