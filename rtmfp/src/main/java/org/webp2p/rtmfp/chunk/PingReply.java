package org.webp2p.rtmfp.chunk;

import java.util.Objects;
import org.webp2p.rtmfp.wire.Bytes;

/** Ping Reply (RFC 7016 §2.3.10): echoes a Ping's message. */
public record PingReply(Bytes messageEcho) implements Chunk {
    public PingReply {
        Objects.requireNonNull(messageEcho);
    }

    @Override
    public int type() {
        return ChunkType.PING_REPLY;
    }
}
