package org.webp2p.sdk.peer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Which clients fetch a new live segment from the origin so the swarm has first copies to share;
 * everyone else waits for a peer to have it. Each client decides alone, from a hash of its own id
 * and the segment's number, with odds that give a few seeds per segment across the swarm (a
 * quarter of it, at most {@link #MAX_SEEDS}): the origin serves each segment a few times rather
 * than once per viewer, and the seeds change from segment to segment so no viewer carries the
 * swarm alone. Should a segment still have no holder shortly before it would turn urgent, three
 * times as many clients fetch it then, so the rest can still get it from them in time.
 *
 * <p>A seed's uplink sets how fast the first copies spread, so the odds follow it: a client that
 * has measured its uplink carrying only part of the upload limit seeds in proportion (at least a
 * quarter as often), one carrying all of it a quarter more often than the plain odds, so a swarm
 * of 60% fast and 40% slow uplinks keeps about as many seeds per segment, mostly fast ones. A client
 * that has not measured yet keeps the plain odds.
 */
public final class SeedSelection {
    /** Expected first copies per segment in a large swarm. */
    public static final double MAX_SEEDS = 3;
    /** Before the urgent window by less than this, a segment nobody has gets the rescue odds. */
    public static final long RESCUE_MS = 1_500;
    /** Odds of a client whose uplink carries the whole upload limit, against the plain odds. */
    static final double FAST_WEIGHT = 1.25;
    /** The lowest uplink share that still counts in proportion; slower ones seed at this share. */
    static final double MIN_SHARE = 0.25;

    private SeedSelection() {
    }

    /**
     * True if the client {@code peerId} fetches {@code sequence} from the origin now, in a swarm of
     * {@code swarmSize} (0 when unknown, when every client fetches for itself); {@code uplinkShare}
     * is the share of the upload limit its uplink has been measured to carry, negative when unknown.
     */
    public static boolean seeds(String peerId, long sequence, int swarmSize, long msBeforeUrgent,
                                double uplinkShare) {
        if (swarmSize <= 1) {
            return true;
        }
        double seeds = Math.max(1, Math.min(MAX_SEEDS, swarmSize / 4.0));
        double weight = uplinkShare < 0 ? 1 : FAST_WEIGHT * Math.max(MIN_SHARE, Math.min(1, uplinkShare));
        double odds = seeds / swarmSize * (msBeforeUrgent < RESCUE_MS ? 3 : 1) * weight;
        return uniform(peerId, sequence) < odds;
    }

    /** A number in [0, 1) that looks random but every run of the same client and segment agrees on. */
    static double uniform(String peerId, long sequence) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(peerId.getBytes(StandardCharsets.UTF_8));
            sha.update(ByteBuffer.allocate(Long.BYTES).putLong(sequence).array());
            long bits = ByteBuffer.wrap(sha.digest()).getLong() >>> 11;
            return bits / (double) (1L << 53);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
