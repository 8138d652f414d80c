package org.webp2p.server.origin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DemoTimelineTest {
    // Four 2-second segments: one loop every 8 s since the epoch.
    private final DemoTimeline timeline = new DemoTimeline(List.of(
            seg("demo0.ts"), seg("demo1.ts"), seg("demo2.ts"), seg("demo3.ts")), 3);

    private static MediaSegment seg(String uri) {
        return new MediaSegment(uri, Duration.ofSeconds(2), false, Optional.empty());
    }

    @Test
    void listsTheSegmentsCompletedByNow() {
        // 1000 loops plus 5 s: 4002 segments complete (the 4003rd is being "recorded").
        MediaPlaylist p = timeline.at(Instant.ofEpochSecond(8000 + 5));

        assertThat(p.mediaSequence()).isEqualTo(3999);
        assertThat(p.segments()).extracting(MediaSegment::uri).containsExactly("s3999.ts", "s4000.ts", "s4001.ts");
        assertThat(timeline.placement("s4000.ts", Instant.ofEpochSecond(8005)))
                .contains(new DemoTimeline.Placement(4000, 0, 1000));
        assertThat(timeline.placement("s3999.ts", Instant.ofEpochSecond(8005)))
                .contains(new DemoTimeline.Placement(3999, 3, 999));
        assertThat(p.ended()).isFalse();
    }

    @Test
    void movesOneSegmentPerSegmentDurationOfWallClock() {
        Instant t = Instant.ofEpochSecond(1_800_000_000L);
        long before = timeline.at(t).mediaSequence();

        assertThat(timeline.at(t.plusMillis(1999)).mediaSequence() - before).isBetween(0L, 1L);
        assertThat(timeline.at(t.plusSeconds(20)).mediaSequence()).isEqualTo(before + 10);
    }

    @Test
    void joinsLoopsWithoutDiscontinuitiesMovingEachLoopOneClipLengthOn() {
        // Players keep state per discontinuity; a count since 1970 would be in the hundreds of millions.
        MediaPlaylist p = timeline.at(Instant.ofEpochSecond(1_800_000_000L));
        assertThat(p.discontinuitySequence()).isZero();
        assertThat(p.segments()).extracting(MediaSegment::discontinuity).containsOnly(false);
        assertThat(timeline.loopTicks()).as("8 s at 90 kHz").isEqualTo(720_000);
    }

    @Test
    void servesOnlySegmentsListedNowOrVeryRecently() {
        Instant now = Instant.ofEpochSecond(8005); // lists 3999..4001, window 3
        assertThat(timeline.placement("s4002.ts", now)).as("still being recorded").isEmpty();
        assertThat(timeline.placement("s3996.ts", now)).as("left the list a window ago").isPresent();
        assertThat(timeline.placement("s3995.ts", now)).isEmpty();
        assertThat(timeline.placement("s4000.m4s", now)).as("another file type").isEmpty();
        assertThat(timeline.placement("demo0.ts", now)).isEmpty();
        assertThat(timeline.placement("s04000.ts", now)).as("one name per segment").isEmpty();
    }
}
