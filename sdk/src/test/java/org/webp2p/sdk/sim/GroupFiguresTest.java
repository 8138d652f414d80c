package org.webp2p.sdk.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.webp2p.nat.NatType;
import org.webp2p.sdk.peer.ConnectionTotals;
import org.webp2p.sdk.playback.PlaybackStats;

class GroupFiguresTest {
    private final GroupFigures figures = new GroupFigures();

    private static PeerOutcome started(long startupMs, long httpBytes, long p2pBytes) {
        return new PeerOutcome(NatType.FULL_CONE, "broadband", new PlaybackStats(startupMs, 0, 0, 60_000),
                -1, httpBytes, p2pBytes, 1_500, List.of(), List.of(), List.of(), null);
    }

    private static PeerOutcome never(NeverStarted why) {
        return new PeerOutcome(NatType.FULL_CONE, "broadband", new PlaybackStats(-1, 0, 0, 0),
                -1, 0, 0, 0, List.of(), List.of(), List.of(), why);
    }

    @Test
    void viewersThatNeverStartCountAsTimeoutsInTheStartupPercentiles() {
        for (int i = 0; i < 18; i++) {
            figures.add(started(400 + i, 1, 0));
        }
        figures.add(never(NeverStarted.of(18, NeverStarted.Reason.NO_SESSION, "refused: 401", 300, true)));
        figures.add(never(NeverStarted.of(19, NeverStarted.Reason.NO_FIRST_FRAME, "", 25_000, false)));

        assertThat(figures.startupPercentile(50)).isEqualTo(409);
        assertThat(figures.startupPercentile(95)).as("19th of 20: the refused one, at the timeout")
                .isEqualTo(NeverStarted.STARTUP_TIMEOUT_MS);
        assertThat(figures.startupPercentile(100)).as("the one that waited 25 s, with its whole wait").isEqualTo(25_000);
        assertThat(figures.neverStarted()).extracting(NeverStarted::reason)
                .containsExactly(NeverStarted.Reason.NO_SESSION, NeverStarted.Reason.NO_FIRST_FRAME);
    }

    @Test
    void aViewerTheRunRemovedBeforeTheTimeoutIsReportedButNotCountedAsOne() {
        figures.add(started(500, 1, 0));
        NeverStarted churned = NeverStarted.of(1, NeverStarted.Reason.NO_PLAYLIST, "", 1_200, false);
        figures.add(never(churned));

        assertThat(churned.countedAsTimeout()).isFalse();
        assertThat(figures.neverStarted()).containsExactly(churned);
        assertThat(figures.startupPercentile(95)).isEqualTo(500);
    }

    @Test
    void noViewersMakeNoPercentile() {
        assertThat(figures.startupPercentile(95)).isEqualTo(-1);
        assertThat(figures.stallRatio()).isZero();
        assertThat(figures.offloadRatio()).isZero();
    }

    @Test
    void offloadIsPeerBytesOverEverythingReceivedAndStallRatioIsStalledOverPlayed() {
        figures.add(new PeerOutcome(NatType.OPEN, "broadband", new PlaybackStats(300, 2, 1_500, 50_000),
                -1, 3_000, 7_000, 1_400, List.of(), List.of(), List.of("URGENT"), null));
        figures.add(new PeerOutcome(NatType.OPEN, "broadband", new PlaybackStats(700, 1, 500, 50_000),
                -1, 1_000, 9_000, 1_600, List.of(), List.of("REFUSED"), List.of("URGENT", "SEEDING"), null));

        assertThat(figures.originBytes()).isEqualTo(4_000);
        assertThat(figures.offloadRatio()).isEqualTo(0.8);
        assertThat(figures.stalls()).isEqualTo(3);
        assertThat(figures.stallRatio()).isEqualTo(2_000.0 / 100_000);
        assertThat(figures.streamBitrateKbps()).isEqualTo(1_500);
        assertThat(figures.fallbacks()).containsEntry("URGENT", 2L).containsEntry("SEEDING", 1L);
        assertThat(figures.peerFailures()).containsEntry("REFUSED", 1L);
        assertThat(figures.asBaseline(SimulationReport.BaselineTiming.AFTER))
                .isEqualTo(new SimulationReport.Baseline(3, 2_000, 0.02, 300, 700, -1, 4_000, figures.byLinkClass(),
                        SimulationReport.BaselineTiming.AFTER));
    }

    @Test
    void eachClassOfLinkHasItsOwnFiguresThatAddUpToTheTotals() {
        figures.add(new PeerOutcome(NatType.OPEN, "broadband", new PlaybackStats(400, 0, 0, 60_000),
                9_000, 1_000, 9_000,
                1_500, List.of(), List.of(), List.of("SEEDING"), null));
        figures.add(new PeerOutcome(NatType.OPEN, "mobile", new PlaybackStats(900, 2, 3_000, 60_000),
                12_000, 6_000, 4_000,
                1_500, List.of(), List.of(), List.of("SLOW_PEER", "SLOW_PEER"), null));
        figures.add(new PeerOutcome(NatType.SYMMETRIC, "mobile", new PlaybackStats(1_100, 0, 0, 60_000), -1, 8_000,
                2_000, 1_500, List.of(), List.of(), List.of("NO_PEER_HAS_IT"), null));

        Map<String, SimulationReport.LinkClassFigures> classes = figures.byLinkClass();

        assertThat(classes).containsOnlyKeys("broadband", "mobile");
        assertThat(classes.get("broadband").offloadRatio()).isEqualTo(0.9);
        assertThat(classes.get("broadband").fallbacks()).containsExactly(Map.entry("SEEDING", 1L));
        SimulationReport.LinkClassFigures mobile = classes.get("mobile");
        assertThat(mobile.peers()).isEqualTo(2);
        assertThat(mobile.offloadRatio()).isEqualTo(0.3);
        assertThat(mobile.stalls()).isEqualTo(2);
        assertThat(mobile.stallRatio()).isEqualTo(3_000.0 / 120_000);
        assertThat(mobile.startupP95Ms()).isEqualTo(1_100);
        assertThat(mobile.liveLatencyP50Ms()).as("the one whose latency was told").isEqualTo(12_000);
        assertThat(mobile.fallbacks()).containsEntry("SLOW_PEER", 2L).containsEntry("NO_PEER_HAS_IT", 1L);
        assertThat(classes.values().stream().mapToLong(SimulationReport.LinkClassFigures::originBytes).sum())
                .isEqualTo(figures.originBytes());
    }

    @Test
    void liveLatencyIsTheMedianOfTheViewersWhoseLatencyWasTold() {
        for (long latency : new long[] {-1, 16_000, 9_000, -1, 15_000}) {
            figures.add(new PeerOutcome(NatType.OPEN, "mobile", new PlaybackStats(500, 0, 0, 60_000), latency, 1, 1,
                    1_500, List.of(), List.of(), List.of(), null));
        }

        assertThat(figures.liveLatencyP50Ms()).isEqualTo(15_000);
        assertThat(new GroupFigures().liveLatencyP50Ms()).as("nobody's told").isEqualTo(-1);
    }

    @Test
    void natSuccessCountsEveryAttemptByOrderedPair() {
        figures.add(new PeerOutcome(NatType.SYMMETRIC, "lan", new PlaybackStats(1, 0, 0, 1), -1, 0, 0, 0,
                List.of(new ConnectionTotals(NatType.OPEN, 4, 3), new ConnectionTotals(NatType.FULL_CONE, 2, 0)),
                List.of(), List.of(), null));
        figures.add(new PeerOutcome(NatType.SYMMETRIC, "lan", new PlaybackStats(1, 0, 0, 1), -1, 0, 0, 0,
                List.of(new ConnectionTotals(NatType.OPEN, 4, 4)), List.of(), List.of(), null));

        assertThat(figures.natSuccess()).containsEntry("SYMMETRIC->OPEN", 7.0 / 8).containsEntry("SYMMETRIC->FULL_CONE", 0.0);
    }
}
