package org.webp2p.rtmfp.chunk;

/** Session Close Acknowledgement (RFC 7016 §2.3.18). Carries no fields. */
public record SessionCloseAck() implements Chunk {
    @Override
    public int type() {
        return ChunkType.SESSION_CLOSE_ACK;
    }
}
