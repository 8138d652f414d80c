package org.webp2p.rtmfp.chunk;

import java.util.List;

/**
 * Data Acknowledgement Ranges (RFC 7016 §2.3.14). On the wire each range is "holes minus one,
 * received minus one" relative to the previous range; here they are kept in absolute form.
 */
public record DataAckRanges(long flowId, long bufferBlocksAvailable, long cumulativeAck,
                            List<SequenceRange> receivedAbove) implements Chunk, Acknowledgement {
    public DataAckRanges {
        if (flowId < 0 || bufferBlocksAvailable < 0 || cumulativeAck < 0) {
            throw new IllegalArgumentException("negative field");
        }
        receivedAbove = List.copyOf(receivedAbove);
        long previousEnd = cumulativeAck;
        for (SequenceRange range : receivedAbove) {
            // Each range must leave at least one hole after the previous one.
            if (range.first() < previousEnd + 2) {
                throw new IllegalArgumentException("ranges must be ascending with holes between them");
            }
            previousEnd = range.last();
        }
    }

    @Override
    public int type() {
        return ChunkType.DATA_ACK_RANGES;
    }
}
