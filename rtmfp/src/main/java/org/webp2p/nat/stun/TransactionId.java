package org.webp2p.nat.stun;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A transaction ID. RFC 8489 messages carry the fixed magic cookie followed by a 96-bit ID; RFC 3489
 * ("classic") messages use all 128 bits as the ID, which is how a server tells the two apart
 * (RFC 8489 §12).
 *
 * @param bytes 12 bytes for RFC 8489, 16 for a classic RFC 3489 message; copied in and out
 */
public record TransactionId(byte[] bytes) {
    /** The magic cookie (RFC 8489 §5). */
    public static final int MAGIC_COOKIE = 0x2112A442;

    private static final SecureRandom RANDOM = new SecureRandom();

    public TransactionId {
        if (bytes == null || (bytes.length != 12 && bytes.length != 16)) {
            throw new IllegalArgumentException("a transaction ID has 12 or 16 bytes");
        }
        bytes = bytes.clone();
        if (bytes.length == 16 && readInt(bytes, 0) == MAGIC_COOKIE) {
            throw new IllegalArgumentException("a classic transaction ID cannot start with the magic cookie");
        }
    }

    /** A fresh random RFC 8489 ID; it must be unpredictable so off-path attackers cannot forge answers. */
    public static TransactionId random() {
        byte[] id = new byte[12];
        RANDOM.nextBytes(id);
        return new TransactionId(id);
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** True for an RFC 3489 message without the magic cookie. */
    public boolean isClassic() {
        return bytes.length == 16;
    }

    /**
     * The 16 header bytes after the length field: cookie and ID, or the whole classic ID. The XOR
     * address attributes use them as key.
     */
    public byte[] headerBytes() {
        if (isClassic()) {
            return bytes.clone();
        }
        byte[] out = new byte[16];
        out[0] = (byte) (MAGIC_COOKIE >>> 24);
        out[1] = (byte) (MAGIC_COOKIE >>> 16);
        out[2] = (byte) (MAGIC_COOKIE >>> 8);
        out[3] = (byte) MAGIC_COOKIE;
        System.arraycopy(bytes, 0, out, 4, 12);
        return out;
    }

    /** Reads the 16 header bytes at {@code offset}, recognising the magic cookie. */
    static TransactionId fromHeader(byte[] datagram, int offset) {
        if (readInt(datagram, offset) == MAGIC_COOKIE) {
            return new TransactionId(Arrays.copyOfRange(datagram, offset + 4, offset + 16));
        }
        return new TransactionId(Arrays.copyOfRange(datagram, offset, offset + 16));
    }

    private static int readInt(byte[] b, int i) {
        return (b[i] & 0xFF) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | b[i + 3] & 0xFF;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransactionId other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return (isClassic() ? "classic:" : "") + HexFormat.of().formatHex(bytes);
    }
}
