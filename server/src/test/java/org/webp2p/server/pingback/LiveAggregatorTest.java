package org.webp2p.server.pingback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.webp2p.nat.NatType;
import org.webp2p.protocol.ClientKind;
import org.webp2p.protocol.admin.ClientFigures;
import org.webp2p.protocol.admin.LiveSession;
import org.webp2p.protocol.admin.NatPairStat;
import org.webp2p.protocol.admin.PeerLink;
import org.webp2p.protocol.admin.SwarmFigures;
import org.webp2p.protocol.pingback.Beacon;
import org.webp2p.server.MutableClock;

class LiveAggregatorTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
    private final LiveAggregator live = new LiveAggregator(clock, Duration.ofMinutes(5), Duration.ofSeconds(10));

    private static Beacon beacon(String session, String swarm, long http, long p2p, Long startup, long stallMs,
                                 NatType nat, List<Beacon.Connections> connections) {
        return new Beacon(session, "t", "peer-" + session, swarm, http, p2p, 0, 10_000, startup, stallMs > 0 ? 1 : 0,
                stallMs, 8000, nat, List.of(), connections, ClientKind.SDK);
    }

    @Test
    void offloadIsPeerBytesOverAllBytesPerSwarmAndGlobally() {
        live.add(beacon("s1", "cats", 100, 300, null, 0, NatType.OPEN, List.of()));
        live.add(beacon("s2", "cats", 100, 500, null, 0, NatType.OPEN, List.of()));
        live.add(beacon("s3", "dogs", 1000, 0, null, 0, NatType.OPEN, List.of()));

        assertThat(live.figures("cats").offloadRatio()).isCloseTo(0.8, within(1e-9));
        assertThat(live.figures("dogs").offloadRatio()).isZero();
        SwarmFigures all = live.figures(LiveAggregator.ALL);
        assertThat(all.offloadRatio()).isCloseTo(800.0 / 2000, within(1e-9));
        assertThat(all.peers()).isEqualTo(3);
        assertThat(live.swarms()).extracting(SwarmFigures::swarm).containsExactly("cats", "dogs");
    }

    @Test
    void startupPercentilesAndStallRatioComeFromTheWindow() {
        for (int i = 1; i <= 20; i++) {
            live.add(beacon("s" + i, "cats", 0, 0, i * 100L, i == 20 ? 1000 : 0, NatType.OPEN, List.of()));
        }
        SwarmFigures f = live.figures("cats");
        assertThat(f.startupP50Ms()).isEqualTo(1000);
        assertThat(f.startupP95Ms()).isEqualTo(1900);
        assertThat(f.stalls()).isEqualTo(1);
        assertThat(f.stallRatio()).isCloseTo(1000.0 / 200_000, within(1e-9));
    }

    @Test
    void latencyPercentilesComeFromTheBeaconsThatToldOnePerSwarmAndGlobally() {
        for (int i = 1; i <= 20; i++) {
            live.add(latency("s" + i, "cats", i * 1_000L));
        }
        live.add(latency("quiet", "cats", null));
        live.add(latency("d1", "dogs", 30_000L));
        SwarmFigures cats = live.figures("cats");
        assertThat(cats.latencyP50Ms()).isEqualTo(10_000);
        assertThat(cats.latencyP95Ms()).isEqualTo(19_000);
        assertThat(live.figures(LiveAggregator.ALL).latencyP95Ms()).isEqualTo(20_000);
        assertThat(live.figures("dogs").latencyP50Ms()).isEqualTo(30_000);

        clock.advance(Duration.ofMinutes(6));
        live.add(latency("late", "cats", null));
        assertThat(live.figures("cats").latencyP50Ms()).as("none told in the window").isEqualTo(-1);
    }

    @Test
    void aBeaconThatNamesItsRenditionCountsForItsStreamAndForThatRenditionWhereItsSessionNowPlays() {
        live.add(rendition("s1", "demo", "180p", 100, 300));
        live.add(rendition("s2", "demo", "90p", 400, 0));
        live.add(rendition("s3", "demo", null, 500, 500));
        live.add(rendition("s4", "cam", "720p", 10, 30));

        SwarmFigures demo = live.figures("demo");
        assertThat(demo.httpBytes()).as("the stream keeps the totals").isEqualTo(1000);
        assertThat(demo.p2pBytes()).isEqualTo(800);
        assertThat(demo.peers()).isEqualTo(3);
        assertThat(live.swarms()).extracting(SwarmFigures::swarm).as("streams only").containsExactly("demo", "cam");
        assertThat(live.renditions()).extracting(SwarmFigures::swarm)
                .containsExactly("cam/720p", "demo/180p", "demo/90p");
        SwarmFigures hd = byName(live.renditions(), "demo/180p");
        assertThat(hd.peers()).isEqualTo(1);
        assertThat(hd.httpBytes()).isEqualTo(100);
        assertThat(hd.p2pBytes()).isEqualTo(300);
        assertThat(hd.offloadRatio()).isCloseTo(0.75, within(1e-9));
        assertThat(hd.client(ClientKind.SDK).sessions()).isEqualTo(1);
        assertThat(byName(live.renditions(), "demo/90p").offloadRatio()).isZero();

        // s1 switches down: it is a peer of 90p now, and its earlier bytes stay 180p's.
        live.add(rendition("s1", "demo", "90p", 50, 50));
        assertThat(byName(live.renditions(), "demo/90p").peers()).isEqualTo(2);
        assertThat(byName(live.renditions(), "demo/90p").httpBytes()).isEqualTo(450);
        assertThat(byName(live.renditions(), "demo/180p").peers()).isZero();
        assertThat(byName(live.renditions(), "demo/180p").httpBytes()).isEqualTo(100);
        assertThat(live.session("s1").orElseThrow().live().rendition()).isEqualTo("90p");
        assertThat(live.session("s1").orElseThrow().live().peerSwarm()).isEqualTo("demo/90p");
        assertThat(live.session("s3").orElseThrow().live().peerSwarm()).isEqualTo("demo");

        clock.advance(Duration.ofMinutes(6));
        live.prune();
        assertThat(live.renditions()).as("forgotten with the window").isEmpty();
    }

    @Test
    void aSwarmKeepsAtMostItsShareOfRenditionsAndABeaconNamingAnotherCountsForItsStreamOnly() {
        for (int i = 0; i < LiveAggregator.MAX_RENDITIONS + 5; i++) {
            live.add(rendition("s" + i, "demo", "r" + i, 100, 0));
        }
        assertThat(live.renditions()).hasSize(LiveAggregator.MAX_RENDITIONS);
        assertThat(live.figures("demo").httpBytes()).isEqualTo(100L * (LiveAggregator.MAX_RENDITIONS + 5));
        live.add(rendition("s0", "demo", "r0", 50, 0));
        assertThat(byName(live.renditions(), "demo/r0").httpBytes()).as("a kept one still counts").isEqualTo(150);
    }

    private static SwarmFigures byName(List<SwarmFigures> figures, String name) {
        return figures.stream().filter(f -> f.swarm().equals(name)).findFirst().orElseThrow();
    }

    private static Beacon rendition(String session, String swarm, String rendition, long http, long p2p) {
        return new Beacon(session, "t", "peer-" + session, swarm, http, p2p, 0, 10_000, null, 0, 0, 8000, NatType.OPEN,
                List.of(), List.of(), null, List.of(), List.of(), null, rendition);
    }

    private static Beacon latency(String session, String swarm, Long latencyMs) {
        return new Beacon(session, "t", "peer-" + session, swarm, 0, 0, 0, 10_000, null, 0, 0, 8000, NatType.OPEN,
                List.of(), List.of(), null, List.of(), List.of(), latencyMs);
    }

    @Test
    void natSuccessIsKeptByPairOfTypes() {
        live.add(beacon("s1", "cats", 0, 0, null, 0, NatType.SYMMETRIC,
                List.of(new Beacon.Connections(NatType.FULL_CONE, 4, 3), new Beacon.Connections(NatType.SYMMETRIC, 2, 0))));
        live.add(beacon("s2", "cats", 0, 0, null, 0, NatType.SYMMETRIC,
                List.of(new Beacon.Connections(NatType.FULL_CONE, 1, 1))));
        assertThat(live.figures("cats").natPairs()).containsExactly(
                new NatPairStat(NatType.SYMMETRIC, NatType.FULL_CONE, 5, 4),
                new NatPairStat(NatType.SYMMETRIC, NatType.SYMMETRIC, 2, 0));
        assertThat(live.figures("cats").natSuccessRatio()).isCloseTo(4.0 / 7, within(1e-9));
    }

    @Test
    void oldBeaconsSlideOutOfTheWindow() {
        live.add(beacon("early", "cats", 0, 1000, 500L, 0, NatType.OPEN, List.of()));
        clock.advance(Duration.ofMinutes(3));
        live.add(beacon("late", "cats", 1000, 0, 900L, 0, NatType.OPEN, List.of()));
        assertThat(live.figures("cats").offloadRatio()).isCloseTo(0.5, within(1e-9));

        clock.advance(Duration.ofMinutes(3));
        SwarmFigures f = live.figures("cats");
        assertThat(f.offloadRatio()).isZero();
        assertThat(f.startupP50Ms()).isEqualTo(900);
        assertThat(f.sessions()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(5));
        assertThat(live.swarms()).isEmpty();
        assertThat(live.figures("cats").startupP50Ms()).as("no startups in window").isEqualTo(-1);
    }

    @Test
    void sessionHealthAddsUpRecentStalls() {
        live.add(beacon("s1", "cats", 0, 0, null, 400, NatType.OPEN, List.of()));
        clock.advance(Duration.ofSeconds(10));
        live.add(beacon("s1", "cats", 0, 0, null, 600, NatType.OPEN, List.of()));
        assertThat(live.session("s1")).hasValueSatisfying(h -> {
            assertThat(h.stallsInWindow()).isEqualTo(2);
            assertThat(h.stallMsInWindow()).isEqualTo(1000);
        });
        clock.advance(Duration.ofMinutes(6));
        assertThat(live.session("s1")).isEmpty();
    }

    private static Beacon of(ClientKind kind, String session, String peer, String swarm, long http, long p2p, long up) {
        return new Beacon(session, "t", peer, swarm, http, p2p, up, 10_000, null, 0, 0, 8000, NatType.UNKNOWN, List.of(),
                List.of(), kind == ClientKind.SDK ? null : kind);
    }

    @Test
    void offloadIsSplitByKindOfClientPerSwarmAndGlobally() {
        live.add(of(ClientKind.BROWSER, "b1", "-PM0203-aaaaaaaaaaaa", "cats", 600, 400, 100));
        live.add(of(ClientKind.BROWSER, "b2", "-PM0203-bbbbbbbbbbbb", "cats", 1000, 0, 400));
        live.add(of(ClientKind.SDK, "s1", "sdk-1", "cats", 100, 900, 0));
        live.add(of(ClientKind.SDK, "s2", "sdk-2", "dogs", 500, 500, 0));

        SwarmFigures cats = live.figures("cats");
        assertThat(cats.clients()).extracting(ClientFigures::client).containsExactly(ClientKind.SDK, ClientKind.BROWSER);
        assertThat(cats.client(ClientKind.BROWSER)).isEqualTo(
                new ClientFigures(ClientKind.BROWSER, 2, 1600, 400, 500, 0.2));
        assertThat(cats.client(ClientKind.SDK)).isEqualTo(new ClientFigures(ClientKind.SDK, 1, 100, 900, 0, 0.9));
        SwarmFigures all = live.figures(LiveAggregator.ALL);
        assertThat(all.client(ClientKind.SDK)).isEqualTo(new ClientFigures(ClientKind.SDK, 2, 600, 1400, 0, 0.7));
        assertThat(all.client(ClientKind.BROWSER).httpBytes() + all.client(ClientKind.SDK).httpBytes())
                .as("the split adds up to the whole").isEqualTo(all.httpBytes());
        assertThat(live.figures("dogs").client(ClientKind.BROWSER)).isEqualTo(ClientFigures.none(ClientKind.BROWSER));

        clock.advance(Duration.ofMinutes(6));
        assertThat(live.figures("cats").client(ClientKind.BROWSER).sessions()).as("out of the window").isZero();
    }

    @Test
    void sessionsKeepTheirKindPeerIdAndByteTotalsWhileTheyBeacon() {
        live.add(of(ClientKind.BROWSER, "b1", "-PM0203-aaaaaaaaaaaa", "cats", 600, 400, 100));
        clock.advance(Duration.ofSeconds(10));
        live.add(of(ClientKind.BROWSER, "b1", null, "cats", 50, 150, 20));
        live.add(of(ClientKind.SDK, "s1", "sdk-1", "cats", 100, 0, 0));

        assertThat(live.sessions()).extracting(h -> h.live()).containsExactly(
                new LiveSession("b1", "-PM0203-aaaaaaaaaaaa", "cats", ClientKind.BROWSER, 650, 550, 120,
                        clock.instant()),
                new LiveSession("s1", "sdk-1", "cats", ClientKind.SDK, 100, 0, 0, clock.instant()));

        clock.advance(Duration.ofMinutes(4));
        live.add(of(ClientKind.SDK, "s1", "sdk-1", "cats", 1, 0, 0));
        clock.advance(Duration.ofMinutes(2));
        assertThat(live.sessions()).as("b1 fell silent for longer than the window").singleElement()
                .satisfies(h -> assertThat(h.httpBytes()).isEqualTo(101));
        clock.advance(Duration.ofMinutes(6));
        live.add(of(ClientKind.SDK, "s1", "sdk-1", "cats", 7, 0, 0));
        assertThat(live.session("s1")).as("back after a silence: counted afresh")
                .hasValueSatisfying(h -> assertThat(h.httpBytes()).isEqualTo(7));
    }

    private static Beacon linked(String peer, String swarm, Beacon.Link... links) {
        return new Beacon("session-" + peer, "t", peer, swarm, 0, 0, 0, 10_000, null, 0, 0, 8000, NatType.OPEN,
                List.of(links), List.of(), ClientKind.SDK);
    }

    @Test
    void linkTotalsCountEachDirectionOnceWhenBothEndsReportIt() {
        // a sent b 700 and got 300 back; b saw the same exchange from its side, and c reports once.
        live.add(linked("a", "cats", new Beacon.Link("b", 300, 700), new Beacon.Link("c", 0, 50)));
        live.add(linked("b", "cats", new Beacon.Link("a", 700, 300)));
        live.add(linked("c", "cats"));
        clock.advance(Duration.ofSeconds(10));
        live.add(linked("b", "cats", new Beacon.Link("a", 100, 0)));

        assertThat(live.links("cats")).containsExactly(new PeerLink("a", "b", 1100), new PeerLink("a", "c", 50));
        assertThat(live.links("dogs")).isEmpty();
    }

    @Test
    void linksToPeersThatStoppedBeaconingFallAwayWithTheWindow() {
        live.add(linked("a", "cats", new Beacon.Link("gone", 10, 10), new Beacon.Link("b", 5, 0)));
        live.add(linked("b", "cats"));
        assertThat(live.links("cats")).as("gone never beaconed").containsExactly(new PeerLink("a", "b", 5));

        clock.advance(Duration.ofMinutes(3));
        live.add(linked("a", "cats", new Beacon.Link("b", 1, 1)));
        clock.advance(Duration.ofMinutes(3));
        assertThat(live.links("cats")).as("b's only beacon left the window").isEmpty();
    }

    @Test
    void sumsStopAtTheLargestNumberInsteadOfWrappingNegative() {
        live.add(of(ClientKind.SDK, "s1", "p1", "cats", Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE));
        live.add(of(ClientKind.SDK, "s1", "p1", "cats", 1, 1, 1));
        live.add(of(ClientKind.BROWSER, "s2", "p2", "cats", 1, 0, 0));
        live.add(linked("p1", "cats", new Beacon.Link("p2", Long.MAX_VALUE, Long.MAX_VALUE)));
        live.add(linked("p1", "cats", new Beacon.Link("p2", 1, 1)));
        live.add(linked("p2", "cats"));

        for (SwarmFigures f : List.of(live.figures("cats"), live.figures(LiveAggregator.ALL))) {
            assertThat(f.httpBytes()).isEqualTo(Long.MAX_VALUE);
            assertThat(f.p2pBytes()).isEqualTo(Long.MAX_VALUE);
            assertThat(f.uploadedBytes()).isEqualTo(Long.MAX_VALUE);
            assertThat(f.offloadRatio()).isBetween(0.0, 1.0);
            assertThat(f.client(ClientKind.SDK).httpBytes()).isEqualTo(Long.MAX_VALUE);
        }
        assertThat(live.session("s1")).hasValueSatisfying(h -> assertThat(h.httpBytes()).isEqualTo(Long.MAX_VALUE));
        assertThat(live.links("cats")).containsExactly(new PeerLink("p1", "p2", Long.MAX_VALUE));
    }

    private LiveAggregator.Admission admit(Beacon b, Instant sessionStart) {
        return live.admit(List.of(new LiveAggregator.Ticketed(b, sessionStart)), new Plausibility(1000), () -> true);
    }

    @Test
    void aBeaconMayCarryTheRateTimesTheTimeSinceItsSessionWasLastHeard() {
        Instant began = clock.instant().minusSeconds(9);
        assertThat(admit(of(ClientKind.SDK, "s1", "p1", "cats", 6000, 4001, 0), began).verdict())
                .as("9 s since the session began, and a second's slack").isEqualTo(LiveAggregator.Admission.Verdict.IMPLAUSIBLE);
        assertThat(admit(of(ClientKind.SDK, "s1", "p1", "cats", 6000, 4000, 0), began).verdict())
                .isEqualTo(LiveAggregator.Admission.Verdict.ADDED);
        clock.advance(Duration.ofSeconds(2));
        assertThat(admit(of(ClientKind.SDK, "s1", "p1", "cats", 0, 0, 3001), began).reason())
                .as("2 s since its last beacon, not 11 since it began").contains("uploadedBytes = 3001");
        assertThat(admit(new Beacon("s1", "t", "p1", "cats", 0, 0, 0, 2000, null, 0, 0, 0, NatType.OPEN,
                List.of(new Beacon.Link("p2", 3001, 0)), List.of()), began).verdict())
                .isEqualTo(LiveAggregator.Admission.Verdict.IMPLAUSIBLE);
        assertThat(live.figures("cats").httpBytes()).as("refused beacons add nothing").isEqualTo(6000);
    }

    @Test
    void aBatchIsAddedOnlyWhenEveryBeaconIsPlausibleAndTheStoreTakesIt() {
        Instant began = clock.instant().minusSeconds(60);
        List<LiveAggregator.Ticketed> batch = List.of(
                new LiveAggregator.Ticketed(of(ClientKind.SDK, "s1", "p1", "cats", 30_000, 0, 0), began),
                new LiveAggregator.Ticketed(of(ClientKind.SDK, "s1", "p1", "cats", 30_000, 0, 0), began));
        Plausibility rate = new Plausibility(1000);
        assertThat(live.admit(batch, rate, () -> true).verdict())
                .as("the second beacon of a session has no time left").isEqualTo(LiveAggregator.Admission.Verdict.IMPLAUSIBLE);
        assertThat(live.admit(batch.subList(0, 1), rate, () -> false).verdict())
                .isEqualTo(LiveAggregator.Admission.Verdict.NOT_STORED);
        assertThat(live.sessions()).isEmpty();
        assertThat(live.admit(batch.subList(0, 1), rate, () -> true).verdict())
                .isEqualTo(LiveAggregator.Admission.Verdict.ADDED);
        assertThat(live.figures("cats").httpBytes()).isEqualTo(30_000);
    }

    @Test
    void aFullSwarmCountsTheBytesOfNewSessionsButKeepsNoMoreOfThem() {
        LiveAggregator capped = new LiveAggregator(clock, Duration.ofMinutes(5), Duration.ofSeconds(10), 2, 100);
        capped.add(of(ClientKind.SDK, "s1", "p1", "cats", 100, 0, 0));
        capped.add(of(ClientKind.SDK, "s2", "p2", "cats", 100, 0, 0));
        capped.add(of(ClientKind.SDK, "s3", "p3", "cats", 100, 0, 0));
        capped.add(of(ClientKind.SDK, "s4", "p4", "dogs", 100, 0, 0));
        capped.add(of(ClientKind.SDK, "s1", "p1", "cats", 100, 0, 0));

        assertThat(capped.sessions()).extracting(LiveAggregator.SessionHealth::sessionId)
                .containsExactlyInAnyOrder("s1", "s2", "s4");
        assertThat(capped.droppedSessions()).isEqualTo(1);
        SwarmFigures cats = capped.figures("cats");
        assertThat(cats.sessions()).isEqualTo(2);
        assertThat(cats.httpBytes()).as("a session not kept still counts").isEqualTo(400);

        clock.advance(Duration.ofMinutes(4));
        capped.add(of(ClientKind.SDK, "s1", "p1", "cats", 1, 0, 0));
        clock.advance(Duration.ofMinutes(2));
        capped.add(of(ClientKind.SDK, "s3", "p3", "cats", 1, 0, 0));
        assertThat(capped.session("s3")).as("s2 fell silent and made room").isPresent();
        assertThat(capped.droppedSessions()).isEqualTo(1);
    }

    @Test
    void aFullSwarmForgetsLinksToPeersThatNeverBeaconedBeforeDroppingLiveOnes() {
        LiveAggregator capped = new LiveAggregator(clock, Duration.ofMinutes(5), Duration.ofSeconds(10), 100, 2);
        capped.add(linked("a", "cats", new Beacon.Link("made-up-1", 1, 1), new Beacon.Link("made-up-2", 1, 1)));
        capped.add(linked("b", "cats"));
        capped.add(linked("c", "cats"));
        assertThat(capped.heldLinks()).isEqualTo(2);

        capped.add(linked("a", "cats", new Beacon.Link("b", 5, 5)));
        capped.add(linked("a", "cats", new Beacon.Link("c", 7, 7)));
        assertThat(capped.links("cats")).containsExactly(new PeerLink("a", "c", 14), new PeerLink("a", "b", 10));
        assertThat(capped.droppedLinks()).isZero();

        clock.advance(Duration.ofSeconds(10));
        capped.add(linked("b", "cats", new Beacon.Link("c", 3, 3)));
        assertThat(capped.droppedLinks()).as("two live pairs fill it").isEqualTo(1);
        assertThat(capped.links("cats")).hasSize(2);
    }

    @Test
    void aFullSwarmMakesRoomForNewLinksByForgettingThoseReportedLongestAgo() {
        LiveAggregator capped = new LiveAggregator(clock, Duration.ofMinutes(5), Duration.ofSeconds(10), 100, 10);
        for (int i = 1; i <= 11; i++) {
            capped.add(linked("p" + i, "cats"));
        }
        for (int i = 2; i <= 11; i++) {
            capped.add(linked("p1", "cats", new Beacon.Link("p" + i, 1, 1)));
            clock.advance(Duration.ofSeconds(1));
        }
        clock.advance(Duration.ofSeconds(10));
        capped.add(linked("p2", "cats", new Beacon.Link("p3", 5, 5)));

        assertThat(capped.droppedLinks()).isZero();
        assertThat(capped.links("cats")).hasSize(10).contains(new PeerLink("p2", "p3", 10))
                .doesNotContain(new PeerLink("p1", "p2", 2));
    }

    @Test
    void pruningForgetsWhatLeftTheWindowThoughNobodyReadsTheFigures() {
        for (int i = 0; i < 50; i++) {
            live.add(linked("p" + i, "swarm-" + (i % 5), new Beacon.Link("p" + (i + 1), 10, 10)));
        }
        assertThat(live.heldSessions()).isEqualTo(50);
        assertThat(live.heldLinks()).isEqualTo(50);
        clock.advance(Duration.ofMinutes(3));
        live.add(linked("late", "swarm-0"));
        live.prune();
        assertThat(live.heldSessions()).isEqualTo(51);

        clock.advance(Duration.ofMinutes(3));
        live.prune();
        assertThat(live.heldSessions()).isEqualTo(1);
        assertThat(live.heldLinks()).isZero();
        clock.advance(Duration.ofMinutes(6));
        live.prune();
        assertThat(live.heldSessions()).isZero();
        assertThat(live.swarms()).isEmpty();
    }
}
