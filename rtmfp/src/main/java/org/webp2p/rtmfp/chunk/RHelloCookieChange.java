package org.webp2p.rtmfp.chunk;

import java.util.Objects;
import org.webp2p.rtmfp.wire.Bytes;

/** RHello Cookie Change (RFC 7016 §2.3.6): retry the IIKeying with {@code newCookie}. */
public record RHelloCookieChange(Bytes oldCookie, Bytes newCookie) implements Chunk {
    public RHelloCookieChange {
        Objects.requireNonNull(oldCookie);
        Objects.requireNonNull(newCookie);
        if (oldCookie.isEmpty() || newCookie.isEmpty()) {
            throw new IllegalArgumentException("cookies must not be empty");
        }
    }

    @Override
    public int type() {
        return ChunkType.RHELLO_COOKIE_CHANGE;
    }
}
