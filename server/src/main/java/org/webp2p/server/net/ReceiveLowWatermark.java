package org.webp2p.server.net;

/**
 * How many bytes a steady sender's socket should hold before it wakes its reader (the socket's
 * receive low watermark, {@code SO_RCVLOWAT}): what arrives in {@code delay} at the rate measured over
 * the last half second. An encoder writes each frame on its own, about a hundred writes a second, and
 * each write would otherwise cost a wake-up of the event loop and a trip through the pipeline; read
 * in batches of 50 ms the same bytes cost a fifth of the wake-ups. When nothing was read for
 * {@code quiet} while the socket holds out for more, the watermark drops to one byte, so the last
 * bytes before a pause are read within about that time, not when the sender resumes.
 *
 * <p>Pure: the caller reads the clock and applies the answers. Not thread-safe: one connection's
 * event loop owns it.
 */
public final class ReceiveLowWatermark {
    /** How long a rate is measured over before the watermark follows it. */
    static final long MEASURE_NANOS = 500_000_000L;
    /** Below this a batch saves too little to hold bytes back for. */
    static final int SMALLEST = 1024;
    /** Above this a batch saves nothing more, and the kernel's receive buffer must hold twice it. */
    static final int LARGEST = 64 * 1024;

    private final long delayNanos;
    private final long quietNanos;
    private int current = 1;
    private long measuredSince = Long.MIN_VALUE;
    private long measuredBytes;
    private long lastRead;

    /**
     * @param delayNanos how long bytes may wait in the socket while it fills, at a steady rate
     * @param quietNanos how long without a read ends holding out for more
     */
    public ReceiveLowWatermark(long delayNanos, long quietNanos) {
        if (delayNanos <= 0 || quietNanos <= 0) {
            throw new IllegalArgumentException("the delays must be positive");
        }
        this.delayNanos = delayNanos;
        this.quietNanos = quietNanos;
    }

    /** The watermark asked for last, 1 before any. */
    public int current() {
        return current;
    }

    /**
     * {@code bytes} were read at {@code nowNanos}.
     *
     * @return the watermark to set now, or 0 to leave the socket as it is
     */
    public int read(long nowNanos, int bytes) {
        lastRead = nowNanos;
        if (measuredSince == Long.MIN_VALUE) {
            measuredSince = nowNanos;
            measuredBytes = 0;
            return 0;
        }
        measuredBytes += bytes;
        long elapsed = nowNanos - measuredSince;
        if (elapsed < MEASURE_NANOS) {
            return 0;
        }
        long batch = (long) ((double) measuredBytes * delayNanos / elapsed);
        measuredSince = nowNanos;
        measuredBytes = 0;
        int wanted = batch < SMALLEST ? 1 : (int) Math.min(LARGEST, batch);
        // A quarter either way is noise in a frame-sized rate; each change costs a system call.
        if (wanted == current || (wanted > 1 && current > 1 && Math.abs(wanted - current) * 4L < current)) {
            return 0;
        }
        current = wanted;
        return wanted;
    }

    /**
     * A periodic look at {@code nowNanos}.
     *
     * @return 1 when the socket holds out for more but nothing was read for the quiet time, else 0
     */
    public int check(long nowNanos) {
        if (current == 1 || nowNanos - lastRead < quietNanos) {
            return 0;
        }
        current = 1;
        measuredSince = Long.MIN_VALUE;
        return 1;
    }
}
