package org.webp2p.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.webp2p.protocol.admin.NodeState;
import org.webp2p.protocol.admin.SwarmFigures;
import org.webp2p.ui.NodeSnapshot;

class StallSpikesTest {
    private final StallSpikes spikes = new StallSpikes();
    private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");

    private static SwarmFigures figures(String swarm, long stalls, double ratio) {
        return new SwarmFigures(swarm, 40, 40, 0, 0, 0, 0, stalls, stalls * 500, ratio, 300, 900, List.of(),
                List.of());
    }

    private static NodeSnapshot at(long seconds, long stalls, double ratio) {
        SwarmFigures global = figures("*", stalls, ratio);
        NodeState state = new NodeState(T0.plusSeconds(seconds), List.of(), List.of(), Optional.empty(), List.of(),
                List.of(), global, Map.of("news", figures("news", stalls, ratio)), Map.of(), List.of(), List.of(),
                List.of(), List.of());
        return new NodeSnapshot(state, List.of(), List.of());
    }

    @Test
    void speaksOnceWhenStallsRisePastTheThresholdNamingTheWorstSwarm() {
        assertThat(spikes.check(at(0, 1, 0.005))).isEmpty();
        assertThat(spikes.check(at(1, 9, 0.031))).contains("3.1% of playback stalled (9 stalls across 40 peers); "
                + "worst swarm news at 3.1%");
        assertThat(spikes.check(at(2, 12, 0.04))).as("still the same spike").isEmpty();
    }

    @Test
    void speaksAgainOnlyAfterRecoveringAndAQuietPeriod() {
        assertThat(spikes.check(at(0, 9, 0.03))).isPresent();
        assertThat(spikes.check(at(60, 1, 0.005))).isEmpty();
        assertThat(spikes.check(at(120, 9, 0.03))).as("recovered, but within five minutes").isEmpty();
        assertThat(spikes.check(at(400, 1, 0.005))).isEmpty();
        assertThat(spikes.check(at(420, 9, 0.03))).isPresent();
    }
}
