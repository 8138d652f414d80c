package org.webp2p.sdk.time;

import java.util.concurrent.Executor;

/**
 * The one thread a player source's parts live on, as those parts see it: the time, timers that
 * ring on that thread, and {@link #execute} to hop onto it. The parts take one of these instead of
 * an event loop, so they do no I/O and no waiting of their own, and tests drive them with a fake
 * clock whose time moves only when the test says.
 *
 * <p>Everything scheduled or executed here runs on the owner thread, one task at a time, so the
 * parts need no locks. {@link EventLoopAlarmClock} is the real one, on a Netty event loop.
 */
public interface AlarmClock extends Executor {
    /** Milliseconds on this clock; only differences mean anything. */
    long nowMs();

    /** Runs {@code task} on the owner thread {@code delayMs} from now (0: as soon as it is free). */
    Timer schedule(long delayMs, Runnable task);

    /** Runs {@code task} on the owner thread as soon as it is free, after what is already queued. */
    @Override
    void execute(Runnable task);

    /** True on the owner thread: the parts assert it where being elsewhere would be a race. */
    boolean inOwnerThread();

    /**
     * What happens with an exception an alarm threw: a bug, since parts turn expected failures into
     * state. The owner logs and records it; the alarm stays usable.
     *
     * @param alarm the alarm's name, as its part calls it
     */
    void failed(String alarm, RuntimeException e);

    /** A scheduled task, cancellable until it has started. */
    @FunctionalInterface
    interface Timer {
        void cancel();
    }
}
