package org.webp2p.rtmfp.chunk;

/** An inclusive range of received sequence numbers. */
public record SequenceRange(long first, long last) {
    public SequenceRange {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("bad range " + first + ".." + last);
        }
    }

    public boolean contains(long sequenceNumber) {
        return sequenceNumber >= first && sequenceNumber <= last;
    }
}
