package org.webp2p.protocol.tracker;

/** A run of media sequence numbers a peer holds, both ends included. */
public record SegmentRange(long first, long last) {
    public SegmentRange {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("segment range must have 0 <= first <= last, got " + first + ".." + last);
        }
    }

    /** How many of {@code wanted} this range holds. */
    public long overlap(SegmentRange wanted) {
        long lo = Math.max(first, wanted.first);
        long hi = Math.min(last, wanted.last);
        return Math.max(0, hi - lo + 1);
    }

    public long size() {
        return last - first + 1;
    }
}
