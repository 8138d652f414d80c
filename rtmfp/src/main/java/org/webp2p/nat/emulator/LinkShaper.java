package org.webp2p.nat.emulator;

import java.util.Random;

/**
 * One direction of an emulated link, without I/O: given a packet's size and the time it arrives,
 * says when it leaves the far end, or that it is dropped. Packets are sent one after another at the
 * rate, so each leaves once those before it have been sent, plus the delay and this packet's jitter
 * (jitter alone may reorder datagrams, as on a real path). A packet that would take the backlog past
 * the queue is dropped at the tail. Streams ({@link #admitStream}) share the rate but are never
 * dropped or jittered: instead their sender pauses once the queue is over full ({@link #overFull})
 * until it is half empty ({@link #nanosUntilHalfEmpty}), as TCP backs off, so a download fills the
 * queue as it would on a real line without owning it.
 *
 * <p>Thread-safe: a host's UDP (on the NAT thread) and its HTTP (on event loops) share its link.
 */
public final class LinkShaper {
    /** What {@link #admit} returns for a datagram lost at random. */
    public static final long LOST = Long.MIN_VALUE;
    /** What {@link #admit} returns for a datagram that did not fit the queue. */
    public static final long QUEUE_FULL = Long.MIN_VALUE + 1;

    private final long delayNanos;
    private final long jitterNanos;
    private final double loss;
    private final long bitsPerSecond;
    private final long queueBytes;
    private final Random random;

    /** When the last packet admitted has been sent; before it, the link is busy. */
    private long busyUntilNanos = Long.MIN_VALUE;
    private long passed;
    private long lost;
    private long queueDrops;

    /**
     * @param bitsPerSecond the rate, 0 for no cap
     * @param random draws loss and jitter; seeded, a run repeats
     */
    LinkShaper(LinkConditions conditions, long bitsPerSecond, Random random) {
        this.delayNanos = conditions.delay().toNanos();
        this.jitterNanos = conditions.jitter().toNanos();
        this.loss = conditions.loss();
        this.bitsPerSecond = bitsPerSecond;
        this.queueBytes = LinkConditions.queueBytes(bitsPerSecond, conditions.queue());
        this.random = random;
    }

    /**
     * A datagram of {@code bytes} arrives at {@code nowNanos}: the time it leaves the link, never
     * before {@code nowNanos}, or {@link #LOST} or {@link #QUEUE_FULL}.
     */
    public synchronized long admit(int bytes, long nowNanos) {
        if (loss > 0 && random.nextDouble() < loss) {
            lost++;
            return LOST;
        }
        if (backlogBytes(nowNanos) + bytes > queueBytes) {
            queueDrops++;
            return QUEUE_FULL;
        }
        long jitter = jitterNanos == 0 ? 0 : (long) ((random.nextDouble() * 2 - 1) * jitterNanos);
        passed++;
        return Math.max(nowNanos, send(bytes, nowNanos) + delayNanos + jitter);
    }

    /** Bytes of a stream arrive at {@code nowNanos}: the time they leave the link; never dropped. */
    public synchronized long admitStream(int bytes, long nowNanos) {
        return send(bytes, nowNanos) + delayNanos;
    }

    /** True when the backlog at {@code nowNanos} is past the queue: a stream's sender should pause. */
    public synchronized boolean overFull(long nowNanos) {
        return bitsPerSecond != 0 && busyUntilNanos - nowNanos > queueNanos();
    }

    /** How long from {@code nowNanos} until the queue is half empty, when a paused stream goes on; 0 if it is. */
    public synchronized long nanosUntilHalfEmpty(long nowNanos) {
        return bitsPerSecond == 0 ? 0 : Math.max(0, busyUntilNanos - nowNanos - queueNanos() / 2);
    }

    private long queueNanos() {
        return queueBytes * 8 * 1_000_000_000L / bitsPerSecond;
    }

    /** Datagrams let through, lost at random, and dropped at a full queue so far. */
    public synchronized LinkCounters.Direction counters() {
        return new LinkCounters.Direction(passed, lost, queueDrops);
    }

    /** When the link has finished sending {@code bytes} that arrive now. */
    private long send(int bytes, long nowNanos) {
        if (bitsPerSecond == 0) {
            return nowNanos;
        }
        long start = Math.max(nowNanos, busyUntilNanos);
        busyUntilNanos = start + bytes * 8L * 1_000_000_000L / bitsPerSecond;
        return busyUntilNanos;
    }

    /** Bytes admitted but not yet sent at {@code nowNanos}: the queue. */
    private long backlogBytes(long nowNanos) {
        if (bitsPerSecond == 0 || busyUntilNanos <= nowNanos) {
            return 0;
        }
        return (busyUntilNanos - nowNanos) * bitsPerSecond / 8 / 1_000_000_000L;
    }
}
