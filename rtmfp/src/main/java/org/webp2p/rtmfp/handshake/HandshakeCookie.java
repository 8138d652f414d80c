package org.webp2p.rtmfp.handshake;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import org.webp2p.rtmfp.crypto.Sha256;
import org.webp2p.rtmfp.wire.Bytes;

/**
 * Stateless RHello cookies (RFC 7016 §3.5.1.2): the responder keeps nothing per IHello; the
 * cookie itself proves that the IIKeying comes from the address the RHello went to, recently.
 *
 * <p>Layout: issue time in seconds (4 bytes), a digest of the IHello tag (8 bytes), and an
 * HMAC-SHA256 over both plus the initiator address under a per-endpoint secret (16 bytes).
 */
public final class HandshakeCookie {
    /** Total cookie length. */
    public static final int LENGTH = 28;
    private static final int TIME_LENGTH = 4;
    private static final int TAG_DIGEST_LENGTH = 8;
    private static final int MAC_LENGTH = 16;

    /** Outcome of checking a cookie. */
    public enum Verdict {
        /** Ours, for this address, within its lifetime. */
        VALID,
        /** Ours and for this address, but old: offer a fresh one with RHello Cookie Change. */
        STALE,
        /** Forged, for another address, or far too old. */
        INVALID
    }

    private final byte[] secret = new byte[32];
    private final long lifetimeMillis;

    public HandshakeCookie(SecureRandom random, long lifetimeMillis) {
        random.nextBytes(secret);
        this.lifetimeMillis = lifetimeMillis;
    }

    public Bytes mint(InetSocketAddress initiator, Bytes tag, long nowMillis) {
        byte[] tagDigest = Arrays.copyOf(Sha256.digest(tag.toByteArray(), 0, tag.length()), TAG_DIGEST_LENGTH);
        return Bytes.of(assemble((int) (nowMillis / 1000), tagDigest, initiator));
    }

    /** Issues a new cookie carrying the same tag binding as {@code old}, for a Cookie Change. */
    public Bytes renew(Bytes old, InetSocketAddress initiator, long nowMillis) {
        byte[] tagDigest = Arrays.copyOfRange(old.toByteArray(), TIME_LENGTH, TIME_LENGTH + TAG_DIGEST_LENGTH);
        return Bytes.of(assemble((int) (nowMillis / 1000), tagDigest, initiator));
    }

    public Verdict verify(Bytes cookie, InetSocketAddress initiator, long nowMillis) {
        if (cookie.length() != LENGTH) {
            return Verdict.INVALID;
        }
        byte[] raw = cookie.toByteArray();
        int issued = ByteBuffer.wrap(raw, 0, TIME_LENGTH).getInt();
        byte[] tagDigest = Arrays.copyOfRange(raw, TIME_LENGTH, TIME_LENGTH + TAG_DIGEST_LENGTH);
        byte[] expected = assemble(issued, tagDigest, initiator);
        if (!MessageDigest.isEqual(expected, raw)) {
            return Verdict.INVALID;
        }
        long ageMillis = nowMillis - Integer.toUnsignedLong(issued) * 1000;
        if (ageMillis < -1000 || ageMillis > 2 * lifetimeMillis) {
            return Verdict.INVALID;
        }
        return ageMillis > lifetimeMillis ? Verdict.STALE : Verdict.VALID;
    }

    private byte[] assemble(int issuedSeconds, byte[] tagDigest, InetSocketAddress initiator) {
        ByteBuffer head = ByteBuffer.allocate(TIME_LENGTH + TAG_DIGEST_LENGTH).putInt(issuedSeconds).put(tagDigest);
        byte[] address = initiator.getAddress().getAddress();
        byte[] port = {(byte) (initiator.getPort() >>> 8), (byte) initiator.getPort()};
        byte[] mac = Sha256.hmac(secret, head.array(), address, port);
        byte[] out = Arrays.copyOf(head.array(), LENGTH);
        System.arraycopy(mac, 0, out, TIME_LENGTH + TAG_DIGEST_LENGTH, MAC_LENGTH);
        return out;
    }
}
