package org.webp2p.rtmfp.chunk;

import java.util.List;
import java.util.Objects;
import org.webp2p.rtmfp.wire.Bytes;

/** Responder Redirect (RFC 7016 §2.3.5): other addresses at which to look for the wanted endpoint. */
public record Redirect(Bytes tagEcho, List<PeerAddress> destinations) implements Chunk {
    public Redirect {
        Objects.requireNonNull(tagEcho);
        destinations = List.copyOf(destinations);
    }

    @Override
    public int type() {
        return ChunkType.REDIRECT;
    }
}
