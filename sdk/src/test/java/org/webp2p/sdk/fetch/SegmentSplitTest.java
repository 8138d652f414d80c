package org.webp2p.sdk.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.webp2p.sdk.fetch.SegmentSplit.Candidate;
import org.webp2p.sdk.fetch.SegmentSplit.Share;

class SegmentSplitTest {
    /** An HD segment of the 1.5 Mbit/s demo. */
    private static final int HD = 375_000;

    @Test
    void aPeerThatFinishesWellBeforeTheDeadlineTakesTheWholeSegment() {
        // 375 KB at 250 bytes/ms (2 Mbit/s) is 1.5 s, within half of 4 s
        assertThat(SegmentSplit.of(HD, 4000, List.of(new Candidate("a", 250), new Candidate("b", 250))))
                .containsExactly(new Share("a", 0, HD));
    }

    @Test
    void aSlowPeerSharesTheSegmentWithTheNextInProportionToTheirRates() {
        // 375 KB at 150 bytes/ms (1.2 Mbit/s) is 2.5 s, more than half of 4 s; a is a third as fast
        List<Share> shares = SegmentSplit.of(HD, 4000,
                List.of(new Candidate("b", 150), new Candidate("a", 50), new Candidate("c", 40)));

        assertThat(shares).as("b and a together take 1.9 s, so c is not needed")
                .containsExactly(new Share("b", 0, 17 * 16384), new Share("a", 17 * 16384, HD));
    }

    @Test
    void asManyPeersJoinAsItTakesUpToThree() {
        List<Share> shares = SegmentSplit.of(HD, 4000, List.of(new Candidate("a", 50), new Candidate("b", 50),
                new Candidate("c", 50), new Candidate("d", 50)));

        assertThat(shares).extracting(Share::peer).containsExactly("a", "b", "c");
        assertThat(shares.get(0).from()).isZero();
        assertThat(shares.get(2).end()).isEqualTo(HD);
        assertThat(shares.get(1).from()).isEqualTo(shares.get(0).end());
    }

    @Test
    void anUntriedBestPeerTakesItWholeSoItGetsMeasured() {
        assertThat(SegmentSplit.of(HD, 4000, List.of(new Candidate("new", Double.POSITIVE_INFINITY),
                new Candidate("a", 10)))).containsExactly(new Share("new", 0, HD));
    }

    @Test
    void aSegmentTooSmallForTwoPartsOrOfUnknownSizeIsNotSplit() {
        List<Candidate> slow = List.of(new Candidate("a", 1), new Candidate("b", 1));
        assertThat(SegmentSplit.of(100_000, 4000, slow)).containsExactly(new Share("a", 0, 100_000));
        assertThat(SegmentSplit.of(0, 4000, slow)).containsExactly(new Share("a", 0, 0));
    }
}
