package org.webp2p.sdk.time;

import java.util.Objects;

/**
 * One named timer of one part, as in an RTMFP session's keepalive or idle alarm: set it, and it
 * rings once on the owner thread; set it again (from its own ringing, for a periodic job) or
 * cancel it. Setting an alarm that is already set moves it. What the alarm's action throws goes
 * to {@link AlarmClock#failed} under the alarm's name; the alarm itself carries on as set.
 *
 * <p>Owner-thread only, like the part that owns it.
 */
public final class Alarm {
    private final AlarmClock clock;
    private final String name;
    private final Runnable onAlarm;
    private AlarmClock.Timer timer;
    private long dueAt;
    /** Which setting may ring: a timer cancelled too late to stop it finds itself outdated. */
    private long generation;

    /**
     * @param name    what the part calls this alarm, for logs and diagnostics
     * @param onAlarm runs on the owner thread each time the alarm rings
     */
    public Alarm(AlarmClock clock, String name, Runnable onAlarm) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.name = Objects.requireNonNull(name, "name");
        this.onAlarm = Objects.requireNonNull(onAlarm, "onAlarm");
    }

    /** Rings once, {@code delayMs} from now; replaces any earlier setting. */
    public void setIn(long delayMs) {
        assert clock.inOwnerThread() : "alarm " + name + " set off its owner thread";
        cancel();
        long mine = ++generation;
        dueAt = clock.nowMs() + Math.max(0, delayMs);
        timer = clock.schedule(Math.max(0, delayMs), () -> ring(mine));
    }

    /** Brings a set alarm forward so it rings within {@code delayMs}; an alarm not set stays so. */
    public void ringWithin(long delayMs) {
        if (isSet() && clock.nowMs() + delayMs < dueAt) {
            setIn(delayMs);
        }
    }

    /** Unsets the alarm: it does not ring until set again. */
    public void cancel() {
        if (timer != null) {
            timer.cancel();
            timer = null;
            generation++;
        }
    }

    /** True from a setting until the alarm rings or is cancelled. */
    public boolean isSet() {
        return timer != null;
    }

    /** What the part calls this alarm, as logs and diagnostics show it. */
    public String name() {
        return name;
    }

    private void ring(long setting) {
        if (setting != generation) {
            return;
        }
        timer = null;
        try {
            onAlarm.run();
        } catch (RuntimeException e) {
            clock.failed(name, e);
        }
    }
}
