package org.webp2p.rtmfp.session;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.webp2p.rtmfp.RtmfpParams;

/**
 * How many handshakes each IP address may start per second (RFC 7016 §3.5.1.1.2, resource
 * exhaustion): a token bucket per address holding one second's worth, so a crowd behind one
 * carrier-grade NAT is served at that rate while a flood from one address is cut down to it, and
 * the answers a forged source address draws towards its victim are too.
 *
 * <p>Addresses share a fixed table of buckets, chosen by a hash keyed with a random seed, so memory
 * does not grow with the number of sources, forged ones included: a flood spread over random
 * sources lands a sliver of itself in each bucket, and nobody can aim at a given address's bucket.
 * The table is made at the first handshake, so endpoints nobody dials (most clients) never hold
 * it. Confined to the core's thread.
 */
final class HandshakeRate {
    private final double perMilli;
    private final double burst;
    private final int buckets;
    private final int seed;
    private float @Nullable [] tokens;
    private long @Nullable [] refilledAt;

    HandshakeRate(RtmfpParams params, Random random) {
        this.perMilli = params.maxHandshakesPerAddressPerSecond() / 1000.0;
        this.burst = params.maxHandshakesPerAddressPerSecond();
        this.buckets = params.handshakeRateBuckets();
        this.seed = random.nextInt();
    }

    /** Takes one handshake from {@code address}'s bucket; false if it is empty. */
    boolean tryAcquire(InetAddress address, long nowMillis) {
        float[] tokens = this.tokens;
        long[] refilledAt = this.refilledAt;
        if (tokens == null || refilledAt == null) {
            tokens = new float[buckets];
            refilledAt = new long[buckets];
            Arrays.fill(tokens, (float) burst);
            Arrays.fill(refilledAt, Long.MIN_VALUE);
            this.tokens = tokens;
            this.refilledAt = refilledAt;
        }
        int bucket = bucketOf(address);
        double available = tokens[bucket];
        if (refilledAt[bucket] != Long.MIN_VALUE) {
            available = Math.min(burst, available + (nowMillis - refilledAt[bucket]) * perMilli);
        }
        refilledAt[bucket] = nowMillis;
        if (available < 1) {
            tokens[bucket] = (float) available;
            return false;
        }
        tokens[bucket] = (float) (available - 1);
        return true;
    }

    private int bucketOf(InetAddress address) {
        int h = seed;
        for (byte b : address.getAddress()) {
            h = (h ^ (b & 0xff)) * 0x01000193;
        }
        // A final mix, so that the low bits kept for the bucket depend on every byte.
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h & (buckets - 1);
    }
}
