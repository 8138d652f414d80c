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
 * cookie itself proves that it was issued by us, recently, to the address the IIKeying comes from.
 *
 * <p>Layout: issue time in seconds (4 bytes), a digest of the IHello tag (4 bytes), an
 * HMAC-SHA256 over those two under a per-endpoint secret (8 bytes), and a second HMAC that
 * also covers the initiator address (8 bytes). Two MACs let us tell a forged cookie from a
 * genuine one whose holder's address changed (a NAT rebinding), which gets a Cookie Change.
 * The cookie is kept short because it rides in the RHello, which must stay within three times
 * the size of a small IHello; 64-bit MACs are ample for a cookie that lives 95 seconds.
 */
public final class HandshakeCookie {
    /** Total cookie length. */
    public static final int LENGTH = 24;
    private static final int TIME_LENGTH = 4;
    private static final int TAG_DIGEST_LENGTH = 4;
    private static final int HEAD_LENGTH = TIME_LENGTH + TAG_DIGEST_LENGTH;
    private static final int MAC_LENGTH = 8;
    /** Clock skew tolerated for cookies that seem to come from the future. */
    private static final long FUTURE_TOLERANCE_MILLIS = 1000;

    /** Outcome of checking a cookie. */
    public enum Verdict {
        /** Ours, recent, and for this address. */
        VALID,
        /** Ours and recent, but issued to another address: answer with RHello Cookie Change. */
        ADDRESS_CHANGED,
        /** Forged or too old. */
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
        return Bytes.of(assemble(head((int) (nowMillis / 1000), tagDigest), initiator));
    }

    /** A cookie for {@code initiator}'s new address, keeping the old cookie's time and tag binding. */
    public Bytes reissue(Bytes old, InetSocketAddress initiator) {
        return Bytes.of(assemble(Arrays.copyOf(old.toByteArray(), HEAD_LENGTH), initiator));
    }

    public Verdict verify(Bytes cookie, InetSocketAddress initiator, long nowMillis) {
        if (cookie.length() != LENGTH) {
            return Verdict.INVALID;
        }
        byte[] raw = cookie.toByteArray();
        byte[] expected = assemble(Arrays.copyOf(raw, HEAD_LENGTH), initiator);
        if (!MessageDigest.isEqual(Arrays.copyOf(expected, HEAD_LENGTH + MAC_LENGTH), Arrays.copyOf(raw, HEAD_LENGTH + MAC_LENGTH))) {
            return Verdict.INVALID;
        }
        long issuedMillis = Integer.toUnsignedLong(ByteBuffer.wrap(raw, 0, TIME_LENGTH).getInt()) * 1000;
        long age = nowMillis - issuedMillis;
        if (age < -FUTURE_TOLERANCE_MILLIS || age > lifetimeMillis) {
            return Verdict.INVALID;
        }
        return MessageDigest.isEqual(expected, raw) ? Verdict.VALID : Verdict.ADDRESS_CHANGED;
    }

    private static byte[] head(int issuedSeconds, byte[] tagDigest) {
        return ByteBuffer.allocate(HEAD_LENGTH).putInt(issuedSeconds).put(tagDigest).array();
    }

    private byte[] assemble(byte[] head, InetSocketAddress initiator) {
        byte[] address = initiator.getAddress().getAddress();
        byte[] port = {(byte) (initiator.getPort() >>> 8), (byte) initiator.getPort()};
        byte[] authenticity = Sha256.hmac(secret, head);
        byte[] binding = Sha256.hmac(secret, head, address, port);
        byte[] out = Arrays.copyOf(head, LENGTH);
        System.arraycopy(authenticity, 0, out, HEAD_LENGTH, MAC_LENGTH);
        System.arraycopy(binding, 0, out, HEAD_LENGTH + MAC_LENGTH, MAC_LENGTH);
        return out;
    }
}
