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
 */
public final class SeedSelection {
    /**
     * Expected first copies per segment in a large swarm. Five, not three: with three, most viewers'
     * first holder of a new segment was one of its few seeds, busy with every neighbour's request, and
     * copies waited in its queue until cut at their deadline; five gave 4-7 points more offload at 50
     * HD viewers on mixed links for 2 more origin copies per segment, and 4 again once copies were
     * faster (docs/protocol.md, Scheduling; docs/benchmarks.md).
     */
    public static final double MAX_SEEDS = 5;
    /** Before the urgent window by less than this, a segment nobody has gets the rescue odds. */
    public static final long RESCUE_MS = 1_500;

    private SeedSelection() {
    }

    /**
     * True if the client {@code peerId} fetches {@code sequence} from the origin now, in a swarm of
     * {@code swarmSize} (0 when unknown, when every client fetches for itself).
     */
    public static boolean seeds(String peerId, long sequence, int swarmSize, long msBeforeUrgent) {
        if (swarmSize <= 1) {
            return true;
        }
        double seeds = Math.max(1, Math.min(MAX_SEEDS, swarmSize / 4.0));
        double odds = seeds / swarmSize * (msBeforeUrgent < RESCUE_MS ? 3 : 1);
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
