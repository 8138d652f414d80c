package org.webp2p.sdk.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.webp2p.protocol.tracker.AnnounceEvent;
import org.webp2p.sdk.time.FakeAlarmClock;

class TrackerAnnouncerTest {
    private final FakeAlarmClock clock = new FakeAlarmClock(0);
    private final List<String> sent = new ArrayList<>();
    private boolean shortOfPeers;
    private final TrackerAnnouncer announcer = new TrackerAnnouncer(clock, event -> {
        sent.add(clock.nowMs() + " " + event.wireName());
        return CompletableFuture.completedFuture(null);
    }, () -> shortOfPeers);

    @Test
    void joinsAtOnceThenUpdatesEvery15Seconds() {
        announcer.start();
        clock.advance(30_000);
        assertThat(sent).containsExactly("0 join", "15000 update", "30000 update");
    }

    @Test
    void aClientShortOfPeersAnnouncesEvery3Seconds() {
        shortOfPeers = true;
        announcer.start();
        clock.advance(6_000);
        shortOfPeers = false;
        clock.advance(20_000);
        assertThat(sent).as("each announce sets the next from how many peers the client has then")
                .containsExactly("0 join", "3000 update", "6000 update", "9000 update", "24000 update");
    }

    @Test
    void soonAnnouncesNowOnceJoinedAndNothingBefore() {
        announcer.soon();
        clock.advance(1_000);
        assertThat(sent).as("not started: the join will say it all").isEmpty();

        announcer.start();
        clock.advance(1_000);
        announcer.soon();
        clock.runDue();
        assertThat(sent).containsExactly("1000 join", "2000 update");
        clock.advance(14_999);
        assertThat(sent).as("the interval starts again from the early announce").hasSize(2);
        clock.advance(1);
        assertThat(sent).hasSize(3);
    }

    @Test
    void leavingAnnouncesLeaveAndStopsTheUpdates() {
        announcer.start();
        clock.advance(1_000);
        announcer.leave();
        announcer.soon();
        clock.advance(60_000);
        assertThat(sent).containsExactly("0 join", "1000 leave");
    }

    @Test
    void aLeaveWaitsForTheJoinStillOnItsWaySoItCannotBeOvertaken() {
        List<String> order = new ArrayList<>();
        CompletableFuture<Object> joinAnswered = new CompletableFuture<>();
        TrackerAnnouncer slow = new TrackerAnnouncer(clock, event -> {
            order.add(event.wireName());
            return event == AnnounceEvent.JOIN ? joinAnswered : CompletableFuture.completedFuture(null);
        }, () -> false);
        slow.start();
        clock.advance(0);
        CompletableFuture<?> left = slow.leave();
        assertThat(order).as("nothing overtakes the join").containsExactly("join");
        assertThat(left).isNotDone();
        joinAnswered.completeExceptionally(new IllegalStateException("tracker unreachable"));
        assertThat(order).as("a failed join still lets the leave go").containsExactly("join", "leave");
        assertThat(left).isCompleted();
    }

    @Test
    void anAnnounceThatThrowsIsReportedOnceAndTheNextComesOnTime() {
        clock.recordFailures();
        int[] calls = new int[1];
        TrackerAnnouncer failing = new TrackerAnnouncer(clock, event -> {
            calls[0]++;
            throw new IllegalStateException("bug building the announce");
        }, () -> false);
        failing.start();
        clock.advance(15_000);
        assertThat(calls[0]).isEqualTo(2);
        assertThat(clock.failures()).extracting(FakeAlarmClock.Failure::alarm)
                .containsExactly("tracker announce", "tracker announce");
    }
}
