package org.webp2p.rtmfp.chunk;

/** Buffer Probe (RFC 7016 §2.3.15): asks the receiver of a flow to report its buffer with an ack. */
public record BufferProbe(long flowId) implements Chunk {
    public BufferProbe {
        if (flowId < 0) {
            throw new IllegalArgumentException("negative flow ID");
        }
    }

    @Override
    public int type() {
        return ChunkType.BUFFER_PROBE;
    }
}
