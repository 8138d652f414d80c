package org.webp2p.sdk.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.webp2p.sdk.playback.VirtualPlayer;

class SegmentSchedulerTest {
    private final AtomicLong now = new AtomicLong();
    private final VirtualPlayer player = new VirtualPlayer(now::get, now.get(), 0);
    private final List<SegmentScheduler.Fallback> fallbacks = new ArrayList<>();
    private final SchedulerSettings settings = new SchedulerSettings(4000, 6, 2, 2, 2000);

    private void playing(long from, int segments) {
        player.startAt(from);
        for (long s = from; s < from + 20; s++) {
            player.describe(s, 2000);
        }
        for (long s = from; s < from + segments; s++) {
            player.arrived(s);
        }
    }

    /** A scheduler playing segments 0-2 that asked {@code peer} for segment 3 at time 0, due by 2 s. */
    private SegmentScheduler askedForSegment3(String peer) {
        SegmentScheduler scheduler = new SegmentScheduler(settings, true, fallbacks::add);
        playing(0, 3);
        scheduler.plan(0, player, 3, s -> Set.of(peer));
        return scheduler;
    }

    /**
     * A scheduler that had segment 3 from a ({@code aBytes} in {@code aMs}) and segment 4 from z
     * ({@code zBytes} in {@code zMs}), which measured both.
     */
    private SegmentScheduler measured(long aBytes, long aMs, long zBytes, long zMs) {
        SegmentScheduler scheduler = askedForSegment3("a");
        scheduler.completed(3, aMs, aBytes);
        scheduler.plan(0, player, 4, s -> s == 4 ? Set.of("z") : Set.of());
        scheduler.completed(4, zMs, zBytes);
        return scheduler;
    }

    /** Such a scheduler 2 s later, at that request's deadline, with {@code bytes} of it delivered. */
    private SegmentScheduler atDeadline(String peer, long bytes) {
        SegmentScheduler scheduler = askedForSegment3(peer);
        scheduler.peerProgress(3, peer, bytes);
        now.set(2000);
        player.tick();
        return scheduler;
    }

    @Test
    void withP2pOffReadsAheadOverHttpAndSaysWhy() {
        SegmentScheduler scheduler = new SegmentScheduler(settings, false, fallbacks::add);
        player.startAt(10);
        List<FetchAction> actions = scheduler.plan(0, player, 30, s -> Set.of("peer"));
        assertThat(actions).as("the urgent window, then no read-ahead beyond two in flight").containsExactly(
                new FetchAction.FromHttp(10, 0, FallbackReason.P2P_OFF),
                new FetchAction.FromHttp(11, 0, FallbackReason.P2P_OFF),
                new FetchAction.FromHttp(12, 0, FallbackReason.P2P_OFF));
        assertThat(fallbacks).extracting(SegmentScheduler.Fallback::reason).containsOnly(FallbackReason.P2P_OFF);
    }

    @Test
    void urgentSegmentsComeFromHttpEvenWhenPeersHoldThem() {
        SegmentScheduler scheduler = new SegmentScheduler(settings, true, fallbacks::add);
        playing(0, 1);
        List<FetchAction> actions = scheduler.plan(0, player, 30, s -> Set.of("a"));
        assertThat(actions).startsWith(new FetchAction.FromHttp(1, 0, FallbackReason.URGENT),
                new FetchAction.FromHttp(2, 0, FallbackReason.URGENT));
        assertThat(actions).filteredOn(a -> a instanceof FetchAction.FromPeer)
                .extracting(FetchAction::sequence).containsExactly(3L, 4L);
    }

    @Test
    void beforeTheFirstFrameOnlyWhatStartupWaitsForIsFetchedAndPeersComeAfter() {
        SegmentScheduler scheduler = new SegmentScheduler(settings, true, fallbacks::add);
        VirtualPlayer joining = new VirtualPlayer(now::get, now.get(), 2_500);
        joining.startAt(0);
        for (long s = 0; s < 20; s++) {
            joining.describe(s, 2000);
        }

        List<FetchAction> first = scheduler.plan(0, joining, 30, s -> Set.of("a"));
        assertThat(first).as("what the 4 s urgent window holds, and no copy sharing the downlink").containsExactly(
                new FetchAction.FromHttp(0, 0, FallbackReason.URGENT), new FetchAction.FromHttp(1, 0, FallbackReason.URGENT),
                new FetchAction.FromHttp(2, 0, FallbackReason.URGENT));
        assertThat(scheduler.plan(100, joining, 30, s -> Set.of("a"))).as("still waiting for the first frame").isEmpty();

        joining.arrived(0);
        joining.arrived(1);
        assertThat(joining.started()).isTrue();
        assertThat(scheduler.plan(200, joining, 30, s -> Set.of("a")))
                .filteredOn(a -> a instanceof FetchAction.FromPeer).extracting(FetchAction::sequence).isNotEmpty();
    }

    @Test
    void asksPeersRarestFirstWithinPerPeerLimitsAndDeadlines() {
        SegmentScheduler scheduler = new SegmentScheduler(settings, true, fallbacks::add);
        playing(0, 3);
        Map<Long, Set<String>> holders = Map.of(3L, Set.of("a", "b"), 4L, Set.of("b"), 5L, Set.of("a", "b"));
        List<FetchAction> actions = scheduler.plan(0, player, 5, s -> holders.getOrDefault(s, Set.of()));
        assertThat(actions).hasSize(3).startsWith(
                new FetchAction.FromPeer(4, "b", 4000),
                new FetchAction.FromPeer(3, "a", 2000));
        assertThat(actions.get(2)).as("a and b are alike now: either, within its limit of two")
                .isIn(new FetchAction.FromPeer(5, "a", 6000), new FetchAction.FromPeer(5, "b", 6000));
        assertThat(fallbacks).isEmpty();
    }

    @Test
    void slowPeerIsCancelledAtItsDeadlineAndHttpContinuesWhereItStopped() {
        SegmentScheduler scheduler = atDeadline("slow", 70_000);
        assertThat(scheduler.plan(2000, player, 3, s -> Set.of("slow"))).containsExactly(
                new FetchAction.CancelPeer(3, "slow", 0),
                new FetchAction.FromHttp(3, 70_000, FallbackReason.SLOW_PEER));
        assertThat(fallbacks).containsExactly(new SegmentScheduler.Fallback(3, FallbackReason.SLOW_PEER));
    }

    @Test
    void corruptDataIsNeverAskedOfThatPeerAgainAndIsReportedWhenHttpTakesOver() {
        SegmentScheduler scheduler = askedForSegment3("bad");
        scheduler.peerFailed(3, "bad", FallbackReason.CORRUPT, 0);
        assertThat(scheduler.plan(100, player, 3, s -> Set.of("bad"))).as("no one else has it: wait").isEmpty();
        now.set(2100);
        player.tick();
        assertThat(scheduler.plan(2100, player, 3, s -> Set.of("bad")))
                .containsExactly(new FetchAction.FromHttp(3, 0, FallbackReason.CORRUPT));
    }

    @Test
    void failedPeerTransferMovesToAnotherHolder() {
        SegmentScheduler scheduler = askedForSegment3("a");
        scheduler.peerFailed(3, "a", FallbackReason.PEER_LEFT, 0);
        assertThat(scheduler.plan(10, player, 3, s -> Set.of("a", "b")))
                .containsExactly(new FetchAction.FromPeer(3, "b", 2010));
    }

    @Test
    void aBusyPeerIsAskedAgainAfterABackOffNotNeverAgain() {
        SegmentScheduler scheduler = askedForSegment3("a");
        scheduler.peerFailed(3, "a", FallbackReason.PEER_BUSY, 100);

        assertThat(scheduler.plan(100, player, 3, s -> Set.of("a"))).as("still busy").isEmpty();
        assertThat(scheduler.plan(100 + SegmentScheduler.BUSY_BACKOFF_MS, player, 3, s -> Set.of("a")))
                .containsExactly(new FetchAction.FromPeer(3, "a", 2000 + SegmentScheduler.BUSY_BACKOFF_MS + 100));
    }

    @Test
    void segmentNobodyHoldsIsReportedAsSuchWhenItTurnsUrgent() {
        SegmentScheduler scheduler = new SegmentScheduler(settings, true, fallbacks::add);
        playing(0, 1);
        scheduler.plan(0, player, 1, s -> Set.of());
        assertThat(fallbacks).containsExactly(new SegmentScheduler.Fallback(1, FallbackReason.NO_PEER_HAS_IT));
    }

    @Test
    void aSeedFetchesASegmentNobodyHoldsAtOnceButNotOneAPeerHolds() {
        List<Long> asked = new ArrayList<>();
        SegmentScheduler scheduler = new SegmentScheduler(settings, true, fallbacks::add, (seq, msBeforeUrgent) -> {
            asked.add(msBeforeUrgent);
            return true;
        }, 0);
        playing(0, 3);

        List<FetchAction> actions = scheduler.plan(0, player, 4, s -> s == 4 ? Set.of("p") : Set.of());

        assertThat(actions).contains(new FetchAction.FromHttp(3, 0, FallbackReason.SEEDING),
                new FetchAction.FromPeer(4, "p", 4000));
        assertThat(fallbacks).contains(new SegmentScheduler.Fallback(3, FallbackReason.SEEDING));
        assertThat(asked).as("segment 3 is needed in 6 s, 2 s before it turns urgent").containsExactly(2000L);
    }

    @Test
    void asksTheHolderThatDeliveredFastestNotTheLowestId() {
        SegmentScheduler scheduler = measured(400_000, 2000, 400_000, 400);

        List<FetchAction> actions = scheduler.plan(400, player, 5, s -> Set.of("a", "z"));

        assertThat(actions).containsExactly(new FetchAction.FromPeer(5, "z", 6400));
    }

    @Test
    void triesAnUntriedHolderBeforeOneThatMissedItsDeadline() {
        SegmentScheduler scheduler = atDeadline("a", 10_000);
        scheduler.plan(2000, player, 3, s -> Set.of("a"));

        assertThat(scheduler.plan(2000, player, 4, s -> Set.of("a", "b")))
                .containsExactly(new FetchAction.FromPeer(4, "b", 4000));
    }

    @Test
    void clientsSpreadTheirFirstRequestsOverUntriedHolders() {
        playing(0, 3);
        Set<String> holders = Set.of("p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7");
        Set<String> chosen = new HashSet<>();
        for (long client = 0; client < 20; client++) {
            SegmentScheduler scheduler = new SegmentScheduler(settings, true, fallbacks::add, (seq, ms) -> false,
                    ("client" + client).hashCode());
            FetchAction first = scheduler.plan(0, player, 3, s -> holders).get(0);
            chosen.add(((FetchAction.FromPeer) first).peerId());
        }
        assertThat(chosen).as("twenty clients, not all on one peer").hasSizeGreaterThan(3);
    }

    @Test
    void aFastOriginShrinksTheUrgentWindowSoPeersGetSegmentsHttpWouldOtherwiseTake() {
        SegmentScheduler scheduler = new SegmentScheduler(settings, true, fallbacks::add);
        playing(0, 1);
        assertThat(scheduler.plan(0, player, 2, s -> Set.of("a")))
                .as("4 s window: segments 1 and 2, 2 and 4 s ahead, are urgent")
                .containsExactly(new FetchAction.FromHttp(1, 0, FallbackReason.URGENT),
                        new FetchAction.FromHttp(2, 0, FallbackReason.URGENT));

        SegmentScheduler learning = new SegmentScheduler(settings, true, fallbacks::add);
        learning.plan(0, player, 1, s -> Set.of("a"));
        learning.completed(1, 200, 400_000);

        assertThat(learning.urgentMs()).as("200 ms, four deviations of 100, the margin").isEqualTo(1100);
        assertThat(learning.plan(200, player, 2, s -> Set.of("a")))
                .as("segment 2, 4 s ahead, now goes to a peer until 1.1 s before it is needed")
                .containsExactly(new FetchAction.FromPeer(2, "a", 3100));
    }

    /** Peers that hold every segment, each of {@code bytes}, as the playlist's digests say. */
    private static Availability holding(int bytes, String... peers) {
        return new Availability() {
            @Override
            public Set<String> holders(long sequence) {
                return Set.of(peers);
            }

            @Override
            public int bytes(long sequence) {
                return bytes;
            }
        };
    }

    @Test
    void aSegmentNoMeasuredHolderWouldDeliverWellInTimeIsSplitBetweenTwo() {
        // a and z each delivered 200 KB in 2 s (100 bytes/ms): 375 KB alone would take 3.75 s of the 6 s left
        SegmentScheduler scheduler = measured(200_000, 2000, 200_000, 2000);

        List<FetchAction> actions = scheduler.plan(2000, player, 5, holding(375_000, "a", "z"));

        assertThat(actions).hasSize(2).allMatch(a -> a instanceof FetchAction.FromPeer);
        assertThat(actions).extracting(a -> ((FetchAction.FromPeer) a).peerId()).containsExactlyInAnyOrder("a", "z");
        assertThat(actions).extracting(a -> ((FetchAction.FromPeer) a).offset() + "-" + ((FetchAction.FromPeer) a).end())
                .containsExactly("0-180224", "180224-375000");
        assertThat(fallbacks).isEmpty();
    }

    @Test
    void aHolderThatWouldDeliverWellInTimeTakesTheWholeSegment() {
        SegmentScheduler scheduler = measured(400_000, 400, 200_000, 2000);

        assertThat(scheduler.plan(2000, player, 5, holding(375_000, "a", "z")))
                .as("a needs 0.4 s of the 6 s left")
                .containsExactly(new FetchAction.FromPeer(5, "a", 8000));
    }

    @Test
    void aPeerFallingBehindHandsWhatIsLeftToAnotherHolderInsteadOfHttp() {
        SegmentScheduler scheduler = new SegmentScheduler(settings, true, fallbacks::add);
        playing(0, 3);
        scheduler.plan(0, player, 3, holding(375_000, "a"));
        scheduler.peerProgress(3, "a", 10_000);

        assertThat(scheduler.plan(400, player, 3, holding(375_000, "a", "b")))
                .as("too early to judge a part by its first bytes").isEmpty();
        assertThat(scheduler.plan(600, player, 3, holding(375_000, "a", "b")))
                .as("10 KB in 0.6 s: the rest would take 22 s of the 1.4 s left")
                .containsExactly(new FetchAction.CancelPeer(3, "a", 0),
                        new FetchAction.FromPeer(3, "b", 10_000, FetchAction.FromPeer.TO_END, 2000));
        assertThat(fallbacks).isEmpty();

        scheduler.peerProgress(3, "b", 300_000);
        now.set(2000);
        player.tick();
        assertThat(scheduler.plan(2000, player, 3, holding(375_000, "a", "b")))
                .as("b too is cut at the deadline; HTTP fetches what neither delivered")
                .containsExactly(new FetchAction.CancelPeer(3, "b", 10_000),
                        new FetchAction.FromHttp(3, 310_000, FallbackReason.SLOW_PEER));
    }

    @Test
    void whatASlowPeerLeftGoesToSeveralHoldersWhenNoneAloneWouldFinishItInTime() {
        // a and z each delivered 100 KB in 2 s (50 bytes/ms); s, untried, takes segment 5 whole
        SegmentScheduler scheduler = measured(100_000, 2000, 100_000, 2000);
        assertThat(scheduler.plan(2000, player, 5, holding(375_000, "s")))
                .containsExactly(new FetchAction.FromPeer(5, "s", 8000));
        scheduler.peerProgress(5, "s", 16_384);

        List<FetchAction> actions = scheduler.plan(3600, player, 5, holding(375_000, "s", "a", "z"));

        // 358,616 bytes left and 4.4 s: 7.2 s for a or z alone, 3.6 s for the two together
        assertThat(actions.get(0)).isEqualTo(new FetchAction.CancelPeer(5, "s", 0));
        List<FetchAction.FromPeer> parts = actions.subList(1, actions.size()).stream()
                .map(FetchAction.FromPeer.class::cast).toList();
        assertThat(parts).extracting(FetchAction.FromPeer::peerId).containsExactlyInAnyOrder("a", "z");
        assertThat(parts.get(0).offset()).as("after the bytes s delivered").isEqualTo(16_384);
        assertThat(parts.get(1).offset()).isEqualTo(parts.get(0).end());
        assertThat(parts.get(1).end()).isEqualTo(FetchAction.FromPeer.TO_END);
        assertThat(parts).allMatch(p -> p.deadlineMs() == 8000);
        assertThat(fallbacks).isEmpty();
    }

    @Test
    void aSlowPartStaysWhenNoOtherHolderWouldFinishItInTime() {
        SegmentScheduler scheduler = askedForSegment3("b");
        scheduler.completed(3, 2000, 20_000); // b: 10 bytes/ms
        scheduler.plan(0, player, 4, holding(375_000, "a"));
        scheduler.peerProgress(4, "a", 10_000);

        assertThat(scheduler.plan(1500, player, 4, holding(375_000, "a", "b"))).isEmpty();
    }

    @Test
    void aFailedPartOfASplitSegmentGoesToAnotherHolder() {
        SegmentScheduler scheduler = measured(200_000, 2000, 200_000, 2000);
        FetchAction.FromPeer zPart = scheduler.plan(2000, player, 5, holding(375_000, "a", "z")).stream()
                .map(FetchAction.FromPeer.class::cast).filter(p -> p.peerId().equals("z")).findFirst().orElseThrow();
        scheduler.peerProgress(5, "z", 50_000);
        scheduler.peerFailed(5, "z", FallbackReason.PEER_LEFT, 2500);

        assertThat(scheduler.plan(2500, player, 5, holding(375_000, "a", "z", "n")))
                .as("a goes on with its part; z's, whose bytes went with it, goes whole to n")
                .containsExactly(new FetchAction.FromPeer(5, "n", zPart.offset(), zPart.end(), 8000));
    }

    /**
     * A minute of playback in which every peer accepts requests and never delivers, while HTTP takes
     * 1.5 s per segment: the viewer must not stall once, which is the whole promise.
     */
    @Test
    void blackHolePeersNeverStallPlayback() {
        SegmentScheduler scheduler = new SegmentScheduler(settings, true, fallbacks::add);
        player.startAt(0);
        Map<Long, Long> httpDoneAt = new HashMap<>();
        long liveEdge = 40;
        for (long s = 0; s <= liveEdge; s++) {
            player.describe(s, 2000);
        }
        for (long t = 0; t <= 60_000; t += 100) {
            now.set(t);
            player.tick();
            for (var e : List.copyOf(httpDoneAt.entrySet())) {
                if (e.getValue() <= t) {
                    httpDoneAt.remove(e.getKey());
                    player.arrived(e.getKey());
                    scheduler.completed(e.getKey(), t, 100_000);
                }
            }
            for (FetchAction a : scheduler.plan(t, player, liveEdge, s -> Set.of("hole1", "hole2"))) {
                if (a instanceof FetchAction.FromHttp h) {
                    httpDoneAt.put(h.sequence(), t + 1500);
                }
            }
        }
        assertThat(player.stats().startupMs()).isEqualTo(1500);
        assertThat(player.stats().stalls()).isZero();
        assertThat(player.stats().playedMs()).isGreaterThan(55_000);
        assertThat(fallbacks).extracting(SegmentScheduler.Fallback::reason).contains(FallbackReason.SLOW_PEER);
    }
}
