package org.webp2p.rtmfp.chunk;

import java.util.Objects;
import org.webp2p.rtmfp.wire.Bytes;

/** Responder Hello (RFC 7016 §2.3.4): the echoed tag, a cookie, and the responder's certificate. */
public record RHello(Bytes tagEcho, Bytes cookie, Bytes responderCertificate) implements Chunk {
    public RHello {
        Objects.requireNonNull(tagEcho);
        Objects.requireNonNull(cookie);
        Objects.requireNonNull(responderCertificate);
        if (cookie.isEmpty()) {
            throw new IllegalArgumentException("RHello needs a cookie");
        }
    }

    @Override
    public int type() {
        return ChunkType.RHELLO;
    }
}
