package org.webp2p.rtmfp.chunk;

import java.util.Objects;
import org.webp2p.rtmfp.wire.Bytes;

/** Ping (RFC 7016 §2.3.9): keepalive or address check; the message comes back in a Ping Reply. */
public record Ping(Bytes message) implements Chunk {
    public Ping {
        Objects.requireNonNull(message);
    }

    @Override
    public int type() {
        return ChunkType.PING;
    }
}
