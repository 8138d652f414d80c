package org.webp2p.rtmfp.chunk;

import java.util.Objects;
import org.webp2p.rtmfp.wire.Bytes;

/** A chunk of a type this implementation does not know; RFC 7016 §2.3 says to ignore it. */
public record UnknownChunk(int type, Bytes payload) implements Chunk {
    public UnknownChunk {
        if (type <= 0 || type >= 0xff) {
            throw new IllegalArgumentException("0x00 and 0xff are padding, not chunks");
        }
        Objects.requireNonNull(payload);
    }
}
