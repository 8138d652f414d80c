package org.webp2p.sdk.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlarmTest {
    private final FakeAlarmClock clock = new FakeAlarmClock(1_000);
    private final List<Long> rang = new ArrayList<>();
    private final Alarm alarm = new Alarm(clock, "test", () -> rang.add(clock.nowMs()));

    @Test
    void ringsOnceWhenDueAndNotBefore() {
        alarm.setIn(500);
        clock.advance(499);
        assertThat(rang).isEmpty();
        assertThat(alarm.isSet()).isTrue();
        clock.advance(1);
        assertThat(rang).containsExactly(1_500L);
        assertThat(alarm.isSet()).as("one ring per setting").isFalse();
        clock.advance(10_000);
        assertThat(rang).hasSize(1);
    }

    @Test
    void settingAgainMovesTheAlarmInsteadOfAddingOne() {
        alarm.setIn(500);
        alarm.setIn(2_000);
        clock.advance(5_000);
        assertThat(rang).containsExactly(3_000L);
    }

    @Test
    void ringWithinOnlyBringsASetAlarmForward() {
        alarm.ringWithin(0);
        clock.advance(1_000);
        assertThat(rang).as("an alarm not set stays unset").isEmpty();

        alarm.setIn(1_000);
        alarm.ringWithin(5_000);
        alarm.ringWithin(100);
        clock.advance(5_000);
        assertThat(rang).as("later is ignored, sooner wins").containsExactly(2_100L);
    }

    @Test
    void cancelledAlarmDoesNotRing() {
        alarm.setIn(100);
        alarm.cancel();
        clock.advance(1_000);
        assertThat(rang).isEmpty();
        assertThat(clock.pending()).isZero();
    }

    @Test
    void anAlarmThatRearmsItselfRingsPeriodically() {
        Alarm[] periodic = new Alarm[1];
        periodic[0] = new Alarm(clock, "periodic", () -> {
            rang.add(clock.nowMs());
            periodic[0].setIn(100);
        });
        periodic[0].setIn(0);
        clock.advance(350);
        assertThat(rang).containsExactly(1_000L, 1_100L, 1_200L, 1_300L);
    }

    @Test
    void whatTheActionThrowsGoesToTheClockUnderTheAlarmsNameAndTheAlarmStaysUsable() {
        clock.recordFailures();
        IllegalStateException bug = new IllegalStateException("bug");
        Alarm failing = new Alarm(clock, "failing", () -> {
            rang.add(clock.nowMs());
            throw bug;
        });
        failing.setIn(10);
        clock.advance(10);
        failing.setIn(10);
        clock.advance(10);
        assertThat(rang).hasSize(2);
        assertThat(clock.failures()).extracting(FakeAlarmClock.Failure::alarm).containsExactly("failing", "failing");
        assertThat(clock.failures()).extracting(FakeAlarmClock.Failure::error).containsOnly(bug);
    }
}
