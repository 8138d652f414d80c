package org.webp2p.rtmfp.chunk;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.webp2p.rtmfp.wire.Bytes;

/**
 * Data Acknowledgement Bitmap (RFC 7016 §2.3.13). Bit {@code i} of byte {@code j}, least
 * significant first, acknowledges sequence number {@code cumulativeAck + 2 + 8j + i}.
 */
public record DataAckBitmap(long flowId, long bufferBlocksAvailable, long cumulativeAck, Bytes bitmap)
        implements Chunk, Acknowledgement {
    public DataAckBitmap {
        if (flowId < 0 || bufferBlocksAvailable < 0 || cumulativeAck < 0) {
            throw new IllegalArgumentException("negative field");
        }
        Objects.requireNonNull(bitmap);
    }

    @Override
    public List<SequenceRange> receivedAbove() {
        List<SequenceRange> ranges = new ArrayList<>();
        long start = -1;
        long bits = bitmap.length() * 8L;
        for (long i = 0; i <= bits; i++) {
            boolean set = i < bits && (bitmap.get((int) (i / 8)) & (1 << (i % 8))) != 0;
            long sequence = cumulativeAck + 2 + i;
            if (set && start < 0) {
                start = sequence;
            } else if (!set && start >= 0) {
                ranges.add(new SequenceRange(start, sequence - 1));
                start = -1;
            }
        }
        return ranges;
    }

    @Override
    public int type() {
        return ChunkType.DATA_ACK_BITMAP;
    }
}
