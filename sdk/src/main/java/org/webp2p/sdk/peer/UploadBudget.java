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
