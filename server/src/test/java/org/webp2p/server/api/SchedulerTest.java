package org.webp2p.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.webp2p.protocol.ClientKind;
import org.webp2p.protocol.api.NodeLoad;
import org.webp2p.server.pingback.LiveAggregator.SessionHealth;

class SchedulerTest {
    private final P2pPolicy policy = new P2pPolicy(true, 1, 8, 6, 2000);
    private final Scheduler scheduler = new Scheduler(policy);
    private final List<NodeLoad> trackers = List.of(new NodeLoad("http://t:8082/v1/announce", 10, 100));

    @Test
    void choosesTheNodeWithTheMostRoom() {
        List<NodeLoad> nodes = List.of(new NodeLoad("rtmfp://a:1935/webp2p", 90, 100),
                new NodeLoad("rtmfp://b:1935/webp2p", 50, 200), new NodeLoad("rtmfp://c:1935/webp2p", 100, 100));
        Decision d = scheduler.decide(nodes, trackers, 5, Optional.empty(), ClientKind.SDK);
        assertThat(d.rendezvous().address()).isEqualTo("rtmfp://b:1935/webp2p");
        assertThat(d.p2pEnabled()).isTrue();
        assertThat(d.reasons()).anyMatch(r -> r.contains("rtmfp://b:1935/webp2p has the most room (150 of 200"));
    }

    @Test
    void turnsP2pOffWhenEveryRendezvousNodeIsFullOrAbsent() {
        Decision full = scheduler.decide(List.of(new NodeLoad("rtmfp://a:1935/webp2p", 100, 100)), trackers, 5,
                Optional.empty(), ClientKind.SDK);
        assertThat(full.p2pEnabled()).isFalse();
        assertThat(full.rendezvous()).isNull();
        assertThat(full.reasons()).contains("P2P off: no rendezvous node has room");
        assertThat(scheduler.decide(List.of(), trackers, 5, Optional.empty(), ClientKind.SDK).p2pEnabled()).isFalse();
    }

    @Test
    void turnsP2pOffForASwarmTooSmallToHelp() {
        Decision alone = scheduler.decide(List.of(new NodeLoad("r", 0, 10)), trackers, 0, Optional.empty(), ClientKind.SDK);
        assertThat(alone.p2pEnabled()).isFalse();
        assertThat(alone.reasons()).anyMatch(r -> r.startsWith("P2P off until the swarm grows: 0 other peer(s)"));
        assertThat(alone.tracker()).as("still told where to announce").isNotNull();
    }

    @Test
    void lowersPrefetchForAStallingClient() {
        SessionHealth stalling = new SessionHealth("s", "p", "demo", ClientKind.SDK, Instant.now(), 3, 4200, 500, 0, 0, 0);
        Decision d = scheduler.decide(List.of(new NodeLoad("r", 0, 10)), trackers, 5, Optional.of(stalling), ClientKind.SDK);
        assertThat(d.prefetchSegments()).isEqualTo(3);
        assertThat(d.reasons()).anyMatch(r -> r.contains("3 stall(s) (4200 ms)"));

        SessionHealth smooth = new SessionHealth("s", "p", "demo", ClientKind.SDK, Instant.now(), 0, 0, 9000, 0, 0, 0);
        assertThat(scheduler.decide(List.of(new NodeLoad("r", 0, 10)), trackers, 5, Optional.of(smooth), ClientKind.SDK)
                .prefetchSegments()).isEqualTo(6);
    }

    @Test
    void browsersGetP2pWithoutARendezvousNodeOrAGrownSwarm() {
        Decision d = scheduler.decide(List.of(), trackers, 0, Optional.empty(), ClientKind.BROWSER);
        assertThat(d.p2pEnabled()).isTrue();
        assertThat(d.rendezvous()).as("a browser never uses RTMFP").isNull();
        assertThat(d.tracker().address()).isEqualTo("http://t:8082/v1/announce");

        Decision noTracker = scheduler.decide(List.of(), List.of(), 5, Optional.empty(), ClientKind.BROWSER);
        assertThat(noTracker.p2pEnabled()).isFalse();
        assertThat(noTracker.reasons()).contains("P2P off: no tracker has room");
        assertThat(new Scheduler(new P2pPolicy(false, 1, 8, 6, 2000))
                .decide(List.of(), trackers, 5, Optional.empty(), ClientKind.BROWSER).p2pEnabled()).isFalse();
    }

    @Test
    void operatorSwitchWins() {
        Decision d = new Scheduler(new P2pPolicy(false, 1, 8, 6, 2000))
                .decide(List.of(new NodeLoad("r", 0, 10)), trackers, 50, Optional.empty(), ClientKind.SDK);
        assertThat(d.p2pEnabled()).isFalse();
        assertThat(d.reasons()).contains("P2P is switched off (api.p2p=false)");
    }
}
