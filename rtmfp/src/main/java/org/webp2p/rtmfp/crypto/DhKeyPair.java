package org.webp2p.rtmfp.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import org.webp2p.rtmfp.wire.Bytes;

/**
 * A Diffie-Hellman key pair in one {@link DhGroup}.
 *
 * <p>The arithmetic is done with {@link BigInteger} rather than JCA's KeyAgreement because the
 * shared secret must be the minimal big-endian encoding (no leading zero bytes), as the OpenSSL
 * {@code DH_compute_key} call used by existing RTMFP endpoints produces it; JCA pads it.
 */
public final class DhKeyPair {
    private final DhGroup group;
    private final BigInteger privateKey;
    private final Bytes publicKey;

    private DhKeyPair(DhGroup group, BigInteger privateKey) {
        this.group = group;
        this.privateKey = privateKey;
        this.publicKey = Bytes.of(toFixedLength(group.generator().modPow(privateKey, group.prime()), group.keyLength()));
    }

    /** A fresh key pair with a private exponent of {@code privateBits} random bits. */
    public static DhKeyPair generate(DhGroup group, int privateBits, SecureRandom random) {
        BigInteger exponent;
        do {
            exponent = new BigInteger(privateBits, random);
        } while (exponent.bitLength() < privateBits / 2);
        return new DhKeyPair(group, exponent);
    }

    public DhGroup group() {
        return group;
    }

    public Bytes publicKey() {
        return publicKey;
    }

    /**
     * The shared secret with the far public key, or empty if that key is outside {@code (1, p-1)}
     * (RFC 7425 §4.6: such keys would force a guessable secret).
     */
    public Optional<byte[]> sharedSecret(Bytes farPublicKey) {
        BigInteger y = new BigInteger(1, farPublicKey.toByteArray());
        BigInteger p = group.prime();
        if (y.compareTo(BigInteger.ONE) <= 0 || y.compareTo(p.subtract(BigInteger.ONE)) >= 0) {
            return Optional.empty();
        }
        byte[] secret = y.modPow(privateKey, p).toByteArray();
        int leadingZeros = 0;
        while (leadingZeros < secret.length - 1 && secret[leadingZeros] == 0) {
            leadingZeros++;
        }
        return Optional.of(Arrays.copyOfRange(secret, leadingZeros, secret.length));
    }

    private static byte[] toFixedLength(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
        return out;
    }
}
