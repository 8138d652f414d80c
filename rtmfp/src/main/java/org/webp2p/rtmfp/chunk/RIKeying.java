package org.webp2p.rtmfp.chunk;

import java.util.Objects;
import org.webp2p.rtmfp.wire.Bytes;

/** Responder Initial Keying (RFC 7016 §2.3.8): the responder's session ID and key component. */
public record RIKeying(long responderSessionId, Bytes sessionKeyComponent, Bytes signature) implements Chunk {
    public RIKeying {
        if (responderSessionId <= 0 || responderSessionId > 0xffffffffL) {
            throw new IllegalArgumentException("session ID must be a non-zero 32-bit value");
        }
        Objects.requireNonNull(sessionKeyComponent);
        Objects.requireNonNull(signature);
    }

    @Override
    public int type() {
        return ChunkType.RIKEYING;
    }
}
