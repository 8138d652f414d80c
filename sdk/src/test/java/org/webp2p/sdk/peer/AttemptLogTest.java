package org.webp2p.sdk.peer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.webp2p.nat.NatType;
import org.webp2p.sdk.diagnostics.PeerFailureReason;

class AttemptLogTest {
    @Test
    void keepsTheLatestInDetailNumberedInOrderAndCountsEveryAttemptByKind() {
        AttemptLog log = new AttemptLog();
        for (int i = 0; i < AttemptLog.KEPT + 8; i++) {
            log.add("p" + i, NatType.FULL_CONE, false, ConnectionAttempt.Outcome.CONNECTED, null, 7);
        }
        log.add("q", NatType.OPEN, false, ConnectionAttempt.Outcome.REFUSED, PeerFailureReason.PEER_FULL, 7);

        assertThat(log.latest()).hasSize(AttemptLog.KEPT);
        assertThat(log.latest().get(0).sequence()).isEqualTo(10);
        assertThat(log.latest()).extracting(ConnectionAttempt::sequence).isSorted().doesNotHaveDuplicates();
        assertThat(log.latest().get(AttemptLog.KEPT - 1).sequence()).isEqualTo(AttemptLog.KEPT + 9);
        assertThat(log.counts()).containsExactly(
                new AttemptCount(NatType.FULL_CONE, ConnectionAttempt.Outcome.CONNECTED, null, AttemptLog.KEPT + 8),
                new AttemptCount(NatType.OPEN, ConnectionAttempt.Outcome.REFUSED, PeerFailureReason.PEER_FULL, 1));
    }
}
