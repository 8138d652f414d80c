package org.webp2p.server.pingback;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webp2p.protocol.pingback.Beacon;

/**
 * Writes beacons to the store in batches on its own thread, so a request never waits on the
 * database. What a crash can lose is what arrived since the last flush: at most one flush interval
 * (and the write in progress). A write the database fails is retried at the next flush, and a beacon
 * whose data it refuses is dropped and counted while the rest of its batch is stored
 * ({@link StoreAttempt}). Beacons waiting, new or to retry, are at most the queue limit: beyond it new
 * beacons are refused (the client is told to retry) rather than accepted ones dropped or memory spent
 * without bound.
 *
 * <p>The thread is stopped by a latch, never by an interrupt: H2 closes its database for good when the
 * thread writing to it is interrupted inside a file write.
 */
final class BeaconWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BeaconWriter.class);
    private static final Duration PURGE_EVERY = Duration.ofHours(1);
    /** How long a stop waits for a write in progress before it gives up on what is still queued. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final BeaconStore store;
    private final Clock clock;
    private final long flushNanos;
    private final Duration retention;
    private final Duration rollupRetention;
    private final Duration hourRollupRetention;
    private final BlockingQueue<BeaconStore.Received> queue;
    private final int queueLimit;
    private List<BeaconStore.Received> retry = List.of();
    /** Beacons queued or kept for retry; only offers add to it, only flushes take from it. */
    private final AtomicInteger pending = new AtomicInteger();
    /** Makes a batch's room check and its queuing one step; only offers take it. */
    private final Object offerLock = new Object();
    private final Thread thread;
    private final LongAdder written = new LongAdder();
    private final LongAdder failedFlushes = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder writes = new LongAdder();
    private final LongAdder writeNanos = new LongAdder();
    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile long lastWriteMillis;
    private Instant nextPurge = Instant.MIN;

    BeaconWriter(BeaconStore store, Clock clock, Duration flushInterval, int queueLimit, Duration retention,
                 Duration rollupRetention, Duration hourRollupRetention) {
        this.store = store;
        this.clock = clock;
        this.flushNanos = Math.max(1, flushInterval.toNanos());
        this.retention = retention;
        this.rollupRetention = rollupRetention;
        this.hourRollupRetention = hourRollupRetention;
        this.queueLimit = queueLimit;
        this.queue = new ArrayBlockingQueue<>(queueLimit);
        this.thread = new Thread(this::loop, "webp2p-pingback-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Queues beacons that arrived at {@code at}; false, queuing none, when there is no room for all.
     * Never waits for a write in progress: it runs on an event loop.
     */
    boolean offer(List<Beacon> beacons, Instant at) {
        synchronized (offerLock) {
            if (queueLimit - pending.get() < beacons.size()) {
                return false;
            }
            pending.addAndGet(beacons.size());
            beacons.forEach(b -> queue.add(new BeaconStore.Received(at, b)));
            return true;
        }
    }

    /** Flushes at a fixed rate, so a beacon waits at most one interval for its write to begin. */
    private void loop() {
        long next = System.nanoTime() + flushNanos;
        try {
            while (!stop.await(next - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                flush();
                next = Math.max(next + flushNanos, System.nanoTime());
            }
        } catch (InterruptedException e) {
            // Nothing here interrupts it; a stray interrupt ends the thread and close() flushes the rest.
            Thread.currentThread().interrupt();
        }
    }

    /** Writes everything queued so far; runs on the writer thread, and once more at close. */
    synchronized void flush() {
        List<BeaconStore.Received> batch = new ArrayList<>(retry);
        queue.drainTo(batch);
        long started = System.nanoTime();
        StoreAttempt a = StoreAttempt.of(store, batch);
        if (a.stored() > 0) {
            long took = System.nanoTime() - started;
            lastWriteMillis = TimeUnit.NANOSECONDS.toMillis(took);
            writes.increment();
            writeNanos.add(took);
        }
        retry = a.retry();
        written.add(a.stored());
        dropped.add(a.dropped().size());
        pending.addAndGet(-(a.stored() + a.dropped().size()));
        if (a.badData() != null) {
            log.warn("pingback: dropped {} beacons the store refuses (the last of session {}): {}", a.dropped().size(),
                    a.dropped().get(a.dropped().size() - 1).beacon().sessionId(), a.badData().getMessage());
        }
        if (a.failure() != null) {
            failedFlushes.increment();
            log.warn("pingback: could not store {} beacons, will retry: {}", retry.size(), a.failure().getMessage());
        }
        Instant now = clock.instant();
        if (!now.isBefore(nextPurge)) {
            nextPurge = now.plus(PURGE_EVERY);
            try {
                store.purge(now.minus(retention), now.minus(rollupRetention), now.minus(hourRollupRetention));
            } catch (SQLException e) {
                log.warn("pingback: retention purge failed: {}", e.getMessage());
            }
        }
    }

    long written() {
        return written.sum();
    }

    /** How long the last batch took to reach the disk: near the flush interval, the store is falling behind. */
    long lastWriteMillis() {
        return lastWriteMillis;
    }

    /** Batches written; with {@link #writeMillisTotal()} a reader sampling twice gets the mean write time. */
    long writes() {
        return writes.sum();
    }

    long writeMillisTotal() {
        return TimeUnit.NANOSECONDS.toMillis(writeNanos.sum());
    }

    long failedFlushes() {
        return failedFlushes.sum();
    }

    /** Beacons the store refused as bad data and were dropped. */
    long dropped() {
        return dropped.sum();
    }

    int queued() {
        return pending.get();
    }

    /** Stops the thread after the write it may be in, then writes what is still queued. */
    @Override
    public void close() {
        stop.countDown();
        try {
            thread.join(STOP_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            // Waiting on would hold up the node's stop for as long as the store is stuck.
            log.warn("pingback: the store has been writing for over {} s; {} queued beacons are not stored",
                    STOP_WAIT.toSeconds(), queued());
            return;
        }
        flush();
    }
}
