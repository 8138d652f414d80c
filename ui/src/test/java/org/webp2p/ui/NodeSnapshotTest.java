package org.webp2p.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.webp2p.protocol.admin.NodeState;
import org.webp2p.protocol.admin.PeerLink;
import org.webp2p.protocol.admin.SwarmFigures;

class NodeSnapshotTest {
    private static final PeerLink DEMO_LINK = new PeerLink("a", "b", 4096);
    private static final PeerLink NEWS_LINK = new PeerLink("c", "d", 512);

    private static NodeSnapshot withLinks(Map<String, List<PeerLink>> links) {
        SwarmFigures global = new SwarmFigures("*", 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, List.of(), List.of());
        NodeState state = new NodeState(Instant.parse("2026-12-07T04:00:00Z"), List.of(), List.of(), Optional.empty(),
                List.of(), List.of(), global, Map.of(), links, List.of(), List.of(), List.of(), List.of());
        return new NodeSnapshot(state, List.of(), List.of());
    }

    @Test
    void aRenditionsSwarmShowsTheLinksItsViewersReportUnderTheirStream() {
        NodeSnapshot s = withLinks(Map.of("demo", List.of(DEMO_LINK), "news", List.of(NEWS_LINK)));

        assertThat(s.swarmLinks("demo/180p")).containsExactly(DEMO_LINK);
        assertThat(s.swarmLinks("demo")).containsExactly(DEMO_LINK);
        assertThat(s.swarmLinks("sport/720p")).isEmpty();
        assertThat(s.swarmLinks("sport")).isEmpty();
    }

    @Test
    void aSwarmsOwnLinksComeBeforeItsStreams() {
        NodeSnapshot s = withLinks(Map.of("demo", List.of(DEMO_LINK), "demo/180p", List.of(NEWS_LINK)));

        assertThat(s.swarmLinks("demo/180p")).containsExactly(NEWS_LINK);
    }
}
