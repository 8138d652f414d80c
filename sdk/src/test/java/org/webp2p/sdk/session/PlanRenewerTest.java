package org.webp2p.sdk.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.webp2p.protocol.api.SessionPlan;
import org.webp2p.sdk.time.FakeAlarmClock;

class PlanRenewerTest {
    private final FakeAlarmClock clock = new FakeAlarmClock(0);
    private final List<String> asked = new ArrayList<>();
    private final List<CompletableFuture<SessionPlan>> renewals = new ArrayList<>();
    private SessionPlan inForce = plan(false, 5_000);
    private final PlanRenewer renewer = new PlanRenewer(clock, () -> inForce, id -> {
        asked.add(id);
        CompletableFuture<SessionPlan> f = new CompletableFuture<>();
        renewals.add(f);
        return f;
    }, fresh -> inForce = fresh);

    private static SessionPlan plan(boolean p2p, long beaconMs) {
        return new SessionPlan("s1", "ticket-s1", "demo", "demo", List.of("http://origin/live/demo/index.m3u8"), null, null, List.of(),
                List.of(), null, beaconMs, new SessionPlan.P2p(p2p, 8, 4, 1000, 3, List.of()));
    }

    @Test
    void renewsEvery3sWhileP2pIsOffAndWithTheBeaconsOnceItIsOn() {
        renewer.start();
        clock.advance(2_999);
        assertThat(asked).isEmpty();
        clock.advance(1);
        assertThat(asked).containsExactly("s1");

        renewals.get(0).complete(plan(true, 5_000));
        clock.runDue();
        assertThat(inForce.p2p().enabled()).isTrue();
        clock.advance(3_000);
        assertThat(asked).as("the interval was set from the plan in force when renewing").hasSize(2);
        clock.advance(4_999);
        assertThat(asked).hasSize(2);
        clock.advance(1);
        assertThat(asked).as("now every beacon interval").hasSize(3);
    }

    @Test
    void aFailedRenewalKeepsThePlanAndTheNextComesOnTime() {
        SessionPlan first = inForce;
        renewer.start();
        clock.advance(3_000);
        renewals.get(0).completeExceptionally(new RuntimeException("api down"));
        clock.advance(3_000);
        assertThat(inForce).isSameAs(first);
        assertThat(asked).hasSize(2);
    }

    @Test
    void neverRenewsMoreThanOnceASecond() {
        inForce = plan(true, 0);
        renewer.start();
        clock.advance(3_000);
        assertThat(asked).hasSize(3);
    }

    @Test
    void stoppedRenewerIgnoresTheAnswerInFlightAndAsksNoMore() {
        renewer.start();
        clock.advance(3_000);
        renewer.stop();
        SessionPlan before = inForce;
        renewals.get(0).complete(plan(true, 5_000));
        clock.advance(60_000);
        assertThat(inForce).isSameAs(before);
        assertThat(asked).hasSize(1);
    }
}
