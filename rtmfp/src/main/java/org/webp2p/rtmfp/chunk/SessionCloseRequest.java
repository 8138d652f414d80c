package org.webp2p.rtmfp.chunk;

/** Session Close Request (RFC 7016 §2.3.17). Carries no fields. */
public record SessionCloseRequest() implements Chunk {
    @Override
    public int type() {
        return ChunkType.SESSION_CLOSE_REQUEST;
    }
}
