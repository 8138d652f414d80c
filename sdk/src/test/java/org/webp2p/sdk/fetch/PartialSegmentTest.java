package org.webp2p.sdk.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PartialSegmentTest {
    @Test
    void partsArrivingOutOfOrderLeaveOnlyTheGapsMissing() {
        PartialSegment s = new PartialSegment(10);
        s.fill(6, new byte[] {6, 7}, "b");
        s.fill(0, new byte[] {0, 1, 2}, "a");

        assertThat(s.missing()).containsExactly(new PartialSegment.Range(3, 6), new PartialSegment.Range(8, 10));
        assertThat(s.filledBytes()).isEqualTo(5);
        assertThat(s.complete()).isFalse();
        assertThat(s.contributors()).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void theOriginFillingTheGapsCompletesItInOrder() {
        PartialSegment s = new PartialSegment(6);
        s.fill(2, new byte[] {2, 3}, "a");
        s.fill(0, new byte[] {0, 1}, null);
        s.fill(4, new byte[] {4, 5}, null);

        assertThat(s.complete()).isTrue();
        assertThat(s.missing()).isEmpty();
        assertThat(s.bytes()).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(s.originBytes()).isEqualTo(4);
        assertThat(s.contributors()).containsExactly("a");
    }

    @Test
    void overlappingPartsMergeWithoutCountingTwice() {
        PartialSegment s = new PartialSegment(8);
        s.fill(0, new byte[4], "a");
        s.fill(2, new byte[4], "b");
        s.fill(6, new byte[2], "c");

        assertThat(s.filledBytes()).isEqualTo(8);
        assertThat(s.complete()).isTrue();
    }

    @Test
    void refusesBytesOutsideTheSegment() {
        PartialSegment s = new PartialSegment(4);
        assertThatThrownBy(() -> s.fill(3, new byte[2], "a")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside a segment of 4");
    }
}
