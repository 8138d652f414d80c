package org.webp2p.rtmfp.crypto;

import java.util.Objects;
import org.webp2p.rtmfp.wire.Bytes;

/** An endpoint's peer ID: the SHA-256 of the canonical part of its certificate (RFC 7425 §4.3). */
public record PeerId(Bytes value) {
    public static final int LENGTH = 32;

    public PeerId {
        Objects.requireNonNull(value);
        if (value.length() != LENGTH) {
            throw new IllegalArgumentException("peer IDs are 32 bytes");
        }
    }

    /** Parses the 64-hex-digit form Flash applications exchange. */
    public static PeerId fromHex(String hex) {
        return new PeerId(Bytes.fromHex(hex));
    }

    public String toHex() {
        return value.toHex();
    }

    @Override
    public String toString() {
        return toHex();
    }
}
