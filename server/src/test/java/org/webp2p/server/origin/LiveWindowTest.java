package org.webp2p.server.origin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LiveWindowTest {

    private static MediaSegment seg(String uri, boolean discontinuity) {
        return new MediaSegment(uri, Duration.ofSeconds(2), discontinuity, Optional.empty());
    }

    @Test
    void listsOnlyTheLastSegmentsAndAdvancesTheMediaSequence() {
        LiveWindow w = new LiveWindow(3);
        for (int i = 0; i < 5; i++) {
            w.append(seg("s" + i + ".ts", false));
        }

        MediaPlaylist p = w.playlist(false);
        assertThat(p.mediaSequence()).isEqualTo(2);
        assertThat(p.segments()).extracting(MediaSegment::uri).containsExactly("s2.ts", "s3.ts", "s4.ts");
        assertThat(w.nextSequence()).isEqualTo(5);
    }

    @Test
    void keepsSegmentsFetchableForOneMoreWindowThenExpiresThem() {
        LiveWindow w = new LiveWindow(2);
        w.append(seg("s0.ts", false));
        w.append(seg("s1.ts", false));
        assertThat(w.append(seg("s2.ts", false))).isEmpty();
        assertThat(w.append(seg("s3.ts", false))).isEmpty();
        assertThat(w.servableUris()).containsExactlyInAnyOrder("s0.ts", "s1.ts", "s2.ts", "s3.ts");

        assertThat(w.append(seg("s4.ts", false))).containsExactly("s0.ts");
        assertThat(w.servableUris()).doesNotContain("s0.ts");
    }

    @Test
    void countsDiscontinuitiesThatLeaveThePlaylist() {
        LiveWindow w = new LiveWindow(2);
        w.append(seg("s0.ts", false));
        w.append(seg("s1.ts", true));
        w.append(seg("s2.ts", false));
        assertThat(w.playlist(false).discontinuitySequence()).isZero();

        w.append(seg("s3.ts", true));

        MediaPlaylist p = w.playlist(false);
        assertThat(p.discontinuitySequence()).isEqualTo(1);
        assertThat(p.segments()).extracting(MediaSegment::discontinuity).containsExactly(false, true);
    }

    @Test
    void expiresAnInitSegmentOnlyWhenNoKeptSegmentUsesIt() {
        LiveWindow w = new LiveWindow(1);
        Optional<String> a = Optional.of("init0.mp4");
        Optional<String> b = Optional.of("init2.mp4");
        w.append(new MediaSegment("s0.m4s", Duration.ofSeconds(2), false, a));
        w.append(new MediaSegment("s1.m4s", Duration.ofSeconds(2), false, a));
        assertThat(w.append(new MediaSegment("s2.m4s", Duration.ofSeconds(2), true, b))).containsExactly("s0.m4s");

        assertThat(w.append(new MediaSegment("s3.m4s", Duration.ofSeconds(2), false, b)))
                .containsExactly("s1.m4s", "init0.mp4");
    }

    @Test
    void neverLowersTheTargetDuration() {
        LiveWindow w = new LiveWindow(2);
        w.declareTargetDuration(4);
        w.append(seg("s0.ts", false));
        w.append(new MediaSegment("s1.ts", Duration.ofMillis(6400), false, Optional.empty()));

        assertThat(w.playlist(false).targetDuration()).isEqualTo(6);
        w.declareTargetDuration(2);
        assertThat(w.playlist(true).targetDuration()).isEqualTo(6);
    }

    @Test
    void carriesOnFromARestoredPlaylist() {
        MediaPlaylist stored = new MediaPlaylist(2, 10, 1, List.of(seg("s10.ts", false), seg("s11.ts", true)), true);
        LiveWindow w = LiveWindow.restore(stored, 6);

        assertThat(w.playlist(true)).isEqualTo(stored);
        assertThat(w.nextSequence()).isEqualTo(12);
    }
}
