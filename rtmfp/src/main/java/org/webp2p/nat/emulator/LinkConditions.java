package org.webp2p.nat.emulator;

import java.time.Duration;
import java.util.Objects;

/**
 * What one host's access link does to its packets, the way netem describes a link: each direction
 * delays by {@code delay} plus or minus up to {@code jitter}, loses the share {@code loss} of its
 * datagrams, and carries at most its rate, holding a backlog of up to {@code queue} worth of that rate
 * and dropping what does not fit. A round trip through the link takes twice the delay.
 *
 * @param delay one-way delay, in each direction
 * @param jitter the most a datagram's delay differs from {@code delay}, either way
 * @param loss share of datagrams lost in each direction, 0 to 1
 * @param upBitsPerSecond rate from the host, 0 for no cap
 * @param downBitsPerSecond rate to the host, 0 for no cap
 * @param queue how long a full queue takes to drain at the rate; datagrams beyond it are dropped
 */
public record LinkConditions(Duration delay, Duration jitter, double loss, long upBitsPerSecond,
        long downBitsPerSecond, Duration queue) {
    /** A link that changes nothing: loopback speed, no delay, no loss. */
    public static final LinkConditions NONE = new LinkConditions(Duration.ZERO, Duration.ZERO, 0, 0, 0, Duration.ZERO);
    /** Room for a few full-size datagrams however slow the link, so a slow link still carries bursts. */
    static final int MIN_QUEUE_BYTES = 8 * 1500;

    public LinkConditions {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(jitter, "jitter");
        Objects.requireNonNull(queue, "queue");
        if (delay.isNegative() || jitter.isNegative() || queue.isNegative()) {
            throw new IllegalArgumentException("delay, jitter and queue cannot be negative");
        }
        if (!(loss >= 0 && loss <= 1)) {
            throw new IllegalArgumentException("loss must be between 0 and 1: " + loss);
        }
        if (upBitsPerSecond < 0 || downBitsPerSecond < 0) {
            throw new IllegalArgumentException("rates cannot be negative");
        }
    }

    /** True when packets pass as if there were no link at all. */
    public boolean isNone() {
        return delay.isZero() && jitter.isZero() && loss == 0 && upBitsPerSecond == 0 && downBitsPerSecond == 0;
    }

    /** The backlog a direction at {@code bitsPerSecond} holds before it drops. */
    static long queueBytes(long bitsPerSecond, Duration queue) {
        if (bitsPerSecond == 0) {
            return Long.MAX_VALUE;
        }
        return Math.max(MIN_QUEUE_BYTES, bitsPerSecond / 8 * queue.toNanos() / 1_000_000_000L);
    }
}
