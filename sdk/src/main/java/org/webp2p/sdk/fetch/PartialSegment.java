package org.webp2p.sdk.fetch;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A segment being put together from ranges that arrive from several peers and, for what they
 * did not deliver in time, from the origin. It knows which bytes are still missing, so that HTTP
 * fetches only those, and who contributed, so that a whole that fails its digest can be pinned on a
 * peer when only one took part. Pure, single-threaded.
 */
public final class PartialSegment {
    /** Bytes {@code from} (inclusive) to {@code end} (exclusive) of a segment. */
    public record Range(int from, int end) {
        public Range {
            if (from < 0 || end <= from) {
                throw new IllegalArgumentException("empty or negative range " + from + ".." + end);
            }
        }
    }

    private final byte[] bytes;
    /** Filled ranges, start to end, never overlapping nor touching: adjacent ones are merged. */
    private final TreeMap<Integer, Integer> filled = new TreeMap<>();
    private final Set<String> contributors = new HashSet<>();
    private int originBytes;

    public PartialSegment(int total) {
        this.bytes = new byte[total];
    }

    public int total() {
        return bytes.length;
    }

    /** Takes {@code part} at {@code offset}, from {@code source} (a peer ID, or null for the origin). */
    public void fill(int offset, byte[] part, String source) {
        if (offset < 0 || offset + (long) part.length > bytes.length) {
            throw new IllegalArgumentException("bytes " + offset + "+" + part.length + " outside a segment of "
                    + bytes.length);
        }
        if (part.length == 0) {
            return;
        }
        System.arraycopy(part, 0, bytes, offset, part.length);
        if (source != null) {
            contributors.add(source);
        } else {
            originBytes += part.length;
        }
        int from = offset;
        int end = offset + part.length;
        Map.Entry<Integer, Integer> before = filled.floorEntry(from);
        if (before != null && before.getValue() >= from) {
            from = before.getKey();
            end = Math.max(end, before.getValue());
        }
        for (Map.Entry<Integer, Integer> next = filled.ceilingEntry(from); next != null && next.getKey() <= end;
             next = filled.ceilingEntry(from)) {
            end = Math.max(end, next.getValue());
            filled.remove(next.getKey());
        }
        filled.put(from, end);
    }

    /** The ranges not yet filled, in order. */
    public List<Range> missing() {
        List<Range> out = new ArrayList<>();
        int at = 0;
        for (Map.Entry<Integer, Integer> f : filled.entrySet()) {
            if (f.getKey() > at) {
                out.add(new Range(at, f.getKey()));
            }
            at = f.getValue();
        }
        if (at < bytes.length) {
            out.add(new Range(at, bytes.length));
        }
        return out;
    }

    /**
     * Where the filled run of bytes that {@code offset} is in ends: {@code offset} itself when that
     * byte is not filled yet. What a peer passing the segment on may send from {@code offset}.
     */
    public int filledUntil(int offset) {
        Map.Entry<Integer, Integer> run = filled.floorEntry(offset);
        return run != null && run.getValue() > offset ? run.getValue() : offset;
    }

    /** Bytes filled so far. */
    public int filledBytes() {
        return filled.entrySet().stream().mapToInt(e -> e.getValue() - e.getKey()).sum();
    }

    public boolean complete() {
        return filled.size() == 1 && filled.firstKey() == 0 && filled.firstEntry().getValue() == bytes.length;
    }

    /** Bytes filled from the origin: the rest of a complete segment came from peers. */
    public int originBytes() {
        return originBytes;
    }

    /** The peers whose bytes are in it. */
    public Set<String> contributors() {
        return Set.copyOf(contributors);
    }

    /** The assembled segment; only meaningful once {@link #complete}. */
    public byte[] bytes() {
        return bytes;
    }
}
