package org.webp2p.rtmfp.chunk;

import java.util.Objects;
import org.webp2p.rtmfp.wire.Bytes;

/**
 * Initiator Initial Keying (RFC 7016 §2.3.7): the initiator's session ID, the cookie from RHello,
 * its certificate, its session key component and a signature.
 */
public record IIKeying(long initiatorSessionId, Bytes cookieEcho, Bytes initiatorCertificate,
                       Bytes sessionKeyComponent, Bytes signature) implements Chunk {
    public IIKeying {
        if (initiatorSessionId <= 0 || initiatorSessionId > 0xffffffffL) {
            throw new IllegalArgumentException("session ID must be a non-zero 32-bit value");
        }
        Objects.requireNonNull(cookieEcho);
        Objects.requireNonNull(initiatorCertificate);
        Objects.requireNonNull(sessionKeyComponent);
        Objects.requireNonNull(signature);
    }

    @Override
    public int type() {
        return ChunkType.IIKEYING;
    }
}
