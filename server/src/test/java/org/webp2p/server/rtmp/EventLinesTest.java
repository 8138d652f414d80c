package org.webp2p.server.rtmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.webp2p.server.MutableClock;
import org.webp2p.server.rtmp.session.RtmpMetrics;

class EventLinesTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final List<String> written = new ArrayList<>();
    private final RtmpMetrics metrics = new RtmpMetrics();
    private final EventLines lines = new EventLines(written::add, Runnable::run, clock, metrics);

    @Test
    void aBurstGetsThroughThenLinesAreLeftOutCountedAndTheNextOneSaysHowMany() {
        for (int i = 0; i < EventLines.BURST + 5; i++) {
            lines.accept("refused " + i);
        }

        assertThat(written).hasSize(EventLines.BURST).last().isEqualTo("refused 19");
        assertThat(metrics.snapshot().get("events-suppressed")).isEqualTo(5L);

        clock.advance(EventLines.REFILL);
        lines.accept("refused again");
        lines.accept("refused once more");

        assertThat(written).hasSize(EventLines.BURST + 1).last().isEqualTo("refused again (5 lines before it left out)");
    }

    @Test
    void aQuietSpellRefillsTheWholeBurst() {
        for (int i = 0; i < EventLines.BURST; i++) {
            lines.accept("x");
        }
        clock.advance(Duration.ofMinutes(5));
        for (int i = 0; i < EventLines.BURST + 1; i++) {
            lines.accept("y");
        }

        assertThat(written).hasSize(2 * EventLines.BURST);
    }
}
