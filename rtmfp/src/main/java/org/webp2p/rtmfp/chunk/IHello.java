package org.webp2p.rtmfp.chunk;

import java.util.Objects;
import org.webp2p.rtmfp.wire.Bytes;

/** Initiator Hello (RFC 7016 §2.3.2): whom the initiator wants (EPD) and a tag to match the answer. */
public record IHello(Bytes endpointDiscriminator, Bytes tag) implements Chunk {
    public IHello {
        Objects.requireNonNull(endpointDiscriminator);
        Objects.requireNonNull(tag);
        if (endpointDiscriminator.isEmpty() || tag.isEmpty()) {
            throw new IllegalArgumentException("IHello needs an EPD and a tag");
        }
    }

    @Override
    public int type() {
        return ChunkType.IHELLO;
    }
}
