package org.webp2p.server.origin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RangeRequestTest {

    @Test
    void readsTheThreeFormsOfASingleRange() {
        assertThat(RangeRequest.parse("bytes=0-99", 1000)).isEqualTo(new RangeRequest.Part(0, 99));
        assertThat(RangeRequest.parse("bytes=900-", 1000)).isEqualTo(new RangeRequest.Part(900, 999));
        assertThat(RangeRequest.parse("bytes=-100", 1000)).isEqualTo(new RangeRequest.Part(900, 999));
    }

    @Test
    void clampsARangeRunningPastTheEnd() {
        assertThat(RangeRequest.parse("bytes=990-2000", 1000)).isEqualTo(new RangeRequest.Part(990, 999));
        assertThat(RangeRequest.parse("bytes=-5000", 1000)).isEqualTo(new RangeRequest.Part(0, 999));
    }

    @Test
    void refusesRangesWithNoByteInside() {
        assertThat(RangeRequest.parse("bytes=1000-", 1000)).isInstanceOf(RangeRequest.Unsatisfiable.class);
        assertThat(RangeRequest.parse("bytes=-0", 1000)).isInstanceOf(RangeRequest.Unsatisfiable.class);
        assertThat(RangeRequest.parse("bytes=0-", 0)).isInstanceOf(RangeRequest.Unsatisfiable.class);
    }

    @Test
    void ignoresWhatItDoesNotHonour() {
        assertThat(RangeRequest.parse(null, 10)).isInstanceOf(RangeRequest.Whole.class);
        assertThat(RangeRequest.parse("items=0-1", 10)).isInstanceOf(RangeRequest.Whole.class);
        assertThat(RangeRequest.parse("bytes=0-1,4-5", 10)).isInstanceOf(RangeRequest.Whole.class);
        assertThat(RangeRequest.parse("bytes=5-2", 10)).isInstanceOf(RangeRequest.Whole.class);
        assertThat(RangeRequest.parse("bytes=a-b", 10)).isInstanceOf(RangeRequest.Whole.class);
    }
}
