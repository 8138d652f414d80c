package org.webp2p.rtmfp.chunk;

/** Flow Exception Report (RFC 7016 §2.3.16): the receiver rejects a flow, with an application code. */
public record FlowExceptionReport(long flowId, long exceptionCode) implements Chunk {
    public FlowExceptionReport {
        if (flowId < 0 || exceptionCode < 0) {
            throw new IllegalArgumentException("negative field");
        }
    }

    @Override
    public int type() {
        return ChunkType.FLOW_EXCEPTION_REPORT;
    }
}
