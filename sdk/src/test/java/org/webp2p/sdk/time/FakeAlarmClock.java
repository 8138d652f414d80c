package org.webp2p.sdk.time;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * An {@link AlarmClock} whose time moves only when the test calls {@link #advance}: timers and
 * executed tasks run then, in time order, on the test's thread. No threads, so every run of a test
 * is the same. An alarm that throws fails the test, unless {@link #recordFailures} was called.
 */
public final class FakeAlarmClock implements AlarmClock {
    private record Task(long at, long order, Runnable run) {
    }

    /** An alarm's failure as the clock was told of it. */
    public record Failure(String alarm, RuntimeException error) {
    }

    private final PriorityQueue<Task> queue = new PriorityQueue<>(
            (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.order, b.order));
    private final Thread owner = Thread.currentThread();
    private final List<Failure> failures = new ArrayList<>();
    private boolean recording;
    private long now;
    private long order;

    public FakeAlarmClock(long startMs) {
        this.now = startMs;
    }

    @Override
    public long nowMs() {
        return now;
    }

    @Override
    public Timer schedule(long delayMs, Runnable task) {
        Task t = new Task(now + Math.max(0, delayMs), order++, task);
        queue.add(t);
        return () -> queue.remove(t);
    }

    @Override
    public void execute(Runnable task) {
        schedule(0, task);
    }

    @Override
    public boolean inOwnerThread() {
        return Thread.currentThread() == owner;
    }

    @Override
    public void failed(String alarm, RuntimeException e) {
        if (!recording) {
            throw new AssertionError("alarm " + alarm + " failed", e);
        }
        failures.add(new Failure(alarm, e));
    }

    /** From now on, alarms' exceptions are kept for {@link #failures} instead of failing the test. */
    public void recordFailures() {
        recording = true;
    }

    public List<Failure> failures() {
        return List.copyOf(failures);
    }

    /** Moves time forward by {@code ms}, running everything that falls due on the way, in order. */
    public void advance(long ms) {
        long until = now + ms;
        while (!queue.isEmpty() && queue.peek().at <= until) {
            Task t = queue.poll();
            now = Math.max(now, t.at);
            t.run.run();
        }
        now = until;
    }

    /** Runs what is due now, such as tasks handed to {@link #execute}, without moving time. */
    public void runDue() {
        advance(0);
    }

    /** How many timers and tasks are waiting. */
    public int pending() {
        return queue.size();
    }
}
