package org.webp2p.sdk.time;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/** The real {@link AlarmClock}: a Netty event loop's timers and tasks, read against a given clock. */
public final class EventLoopAlarmClock implements AlarmClock {
    private final EventLoop loop;
    private final LongSupplier clockMs;
    private final BiConsumer<String, RuntimeException> failures;

    /**
     * @param clockMs  what {@link #nowMs} reads; the loop's own timers set the delays
     * @param failures where alarms' exceptions go, with the alarm's name
     */
    public EventLoopAlarmClock(EventLoop loop, LongSupplier clockMs, BiConsumer<String, RuntimeException> failures) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.clockMs = Objects.requireNonNull(clockMs, "clockMs");
        this.failures = Objects.requireNonNull(failures, "failures");
    }

    @Override
    public long nowMs() {
        return clockMs.getAsLong();
    }

    @Override
    public Timer schedule(long delayMs, Runnable task) {
        ScheduledFuture<?> f = loop.schedule(task, delayMs, TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public void execute(Runnable task) {
        loop.execute(task);
    }

    @Override
    public boolean inOwnerThread() {
        return loop.inEventLoop();
    }

    @Override
    public void failed(String alarm, RuntimeException e) {
        failures.accept(alarm, e);
    }
}
