package org.webp2p.sdk.fetch;

import java.util.ArrayList;
import java.util.List;

/**
 * How one segment is shared among the peers that hold it. One peer takes it whole when, at the rate
 * it has delivered (shared with what it already sends us), it would finish within
 * {@link #HEADROOM} of the time left before the segment turns urgent. Otherwise the next-best
 * holders join, up to {@link #MAX_PARTS}, until together they would, and each takes a share in
 * proportion to its rate, so that all finish about together. A peer never measured takes a segment
 * whole: that measures it. Pure.
 */
final class SegmentSplit {
    /**
     * The share of the time left that a transfer may be expected to take: the rest is for a slow part
     * to be given to another peer, and after that to HTTP.
     */
    static final double HEADROOM = 0.5;
    /** Parts at most: more peers per segment means more requests and Have traffic for less each. */
    static final int MAX_PARTS = 3;
    /** Parts are whole 16 KiB chunks of the upload side, and no smaller than four of them. */
    static final int ALIGN = 16 * 1024;
    static final int MIN_PART_BYTES = 4 * ALIGN;

    /** A holder and the rate at which it would deliver to us now, in bytes per ms. */
    record Candidate(String peer, double bytesPerMs) {
    }

    /** A peer's part: bytes {@code from} to {@code end}. */
    record Share(String peer, int from, int end) {
    }

    private SegmentSplit() {
    }

    /**
     * @param total  the segment's size in bytes, or 0 if not known (it is then taken whole)
     * @param ranked holders, best first; not empty
     */
    static List<Share> of(int total, long msLeft, List<Candidate> ranked) {
        Candidate best = ranked.get(0);
        int most = total <= 0 ? 1 : Math.min(Math.min(MAX_PARTS, ranked.size()), total / MIN_PART_BYTES);
        if (most < 2 || Double.isInfinite(best.bytesPerMs())) {
            return List.of(new Share(best.peer(), 0, total));
        }
        double budgetMs = HEADROOM * msLeft;
        List<Candidate> team = new ArrayList<>(List.of(best));
        double combined = best.bytesPerMs();
        for (Candidate c : ranked.subList(1, most)) {
            if (total / combined <= budgetMs) {
                break;
            }
            // A peer never measured is counted at the best measured rate: optimistic, and its part
            // measures it.
            double rate = Double.isInfinite(c.bytesPerMs()) ? best.bytesPerMs() : c.bytesPerMs();
            team.add(new Candidate(c.peer(), rate));
            combined += rate;
        }
        List<Share> shares = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < team.size(); i++) {
            Candidate c = team.get(i);
            int end = i == team.size() - 1 ? total
                    : Math.min(total, from + align(total * c.bytesPerMs() / combined));
            if (end - from < MIN_PART_BYTES || total - end < MIN_PART_BYTES && i < team.size() - 1) {
                end = total; // too small to split off: this part takes the rest
            }
            shares.add(new Share(c.peer(), from, end));
            from = end;
            if (from == total) {
                break;
            }
        }
        return shares;
    }

    private static int align(double bytes) {
        return Math.max(ALIGN, (int) Math.round(bytes / ALIGN) * ALIGN);
    }
}
