package org.webp2p.sdk.peer;

/**
 * How many bytes this client may upload now: a token bucket filled at the rate the API allows
 * ({@code uploadLimitKbps}) holding at most half a second's worth, so a viewer's uplink is never
 * flooded by the swarm. A limit of 0 means no limit. Pure: the caller passes the clock.
 */
public final class UploadBudget {
    private static final long BURST_MS = 500;

    private final double bytesPerMs;
    private final double capacity;
    private double tokens;
    private long lastMs = -1;

    public UploadBudget(int limitKbps) {
        if (limitKbps < 0) {
            throw new IllegalArgumentException("upload limit must not be negative");
        }
        this.bytesPerMs = limitKbps * 1000 / 8.0 / 1000;
        this.capacity = Math.max(bytesPerMs * BURST_MS, 1);
        this.tokens = capacity;
    }

    /**
     * How many segments of {@code segmentBytes} to serve at once so that each still reaches its
     * peer within {@code withinMs}, from {@code 1} to {@code most}. Serving fewer at a time, each
     * faster, spreads a new segment sooner: a peer that has it whole can serve it in turn, while
     * eight peers holding an eighth each can serve nothing. Those refused as busy ask another holder.
     */
    public int slots(long segmentBytes, long withinMs, int most) {
        if (bytesPerMs == 0 || segmentBytes <= 0) {
            return most;
        }
        long fit = (long) (bytesPerMs * withinMs / segmentBytes);
        return (int) Math.max(1, Math.min(most, fit));
    }

    /** Bytes that may be sent now. */
    public long available(long nowMs) {
        if (bytesPerMs == 0) {
            return Long.MAX_VALUE;
        }
        refill(nowMs);
        return (long) tokens;
    }

    /** Records bytes sent; may go into debt by one chunk, repaid before the next is allowed. */
    public void spend(long bytes, long nowMs) {
        if (bytesPerMs == 0) {
            return;
        }
        refill(nowMs);
        tokens -= bytes;
    }

    private void refill(long nowMs) {
        if (lastMs >= 0 && nowMs > lastMs) {
            tokens = Math.min(capacity, tokens + (nowMs - lastMs) * bytesPerMs);
        }
        lastMs = Math.max(lastMs, nowMs);
    }
}
