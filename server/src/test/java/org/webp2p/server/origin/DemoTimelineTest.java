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
        assertThat(p.segments()).extracting(MediaSegment::uri).containsExactly("demo3.ts", "demo0.ts", "demo1.ts");
        assertThat(p.segments()).extracting(MediaSegment::discontinuity).containsExactly(false, true, false);
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
    void countsLoopBoundariesThatLeftTheWindowAsDiscontinuities() {
        // First listed segment index 3999: tags before it sit at 4, 8, ..., 3996, i.e. 999 of them.
        assertThat(timeline.at(Instant.ofEpochSecond(8005)).discontinuitySequence()).isEqualTo(999);
        // First listed 4000 carries its own tag; 999 tags came before it.
        MediaPlaylist p = timeline.at(Instant.ofEpochSecond(8006));
        assertThat(p.mediaSequence()).isEqualTo(4000);
        assertThat(p.discontinuitySequence()).isEqualTo(999);
        assertThat(p.segments().get(0).discontinuity()).isTrue();
    }
}
