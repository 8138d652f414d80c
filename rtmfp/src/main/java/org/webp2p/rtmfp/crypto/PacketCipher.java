package org.webp2p.rtmfp.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Packet encryption of the Flash profile (RFC 7425 §4): a 16-bit Internet checksum, then the
 * plain packet, padded with 0xff to a multiple of 16 bytes, encrypted with AES-128-CBC and a zero IV.
 *
 * <p>One instance serves one direction pair of one session and is used from one thread.
 */
public final class PacketCipher {
    /** The well-known key of startup packets: "Adobe Systems 02" (RFC 7425 §4.1). */
    private static final byte[] DEFAULT_KEY = "Adobe Systems 02".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int BLOCK = 16;
    private static final int CHECKSUM_LENGTH = 2;
    private static final IvParameterSpec ZERO_IV = new IvParameterSpec(new byte[BLOCK]);

    private final SecretKeySpec encryptKey;
    private final SecretKeySpec decryptKey;
    private final Cipher encryptor;
    private final Cipher decryptor;

    /** @param encryptKey 16 bytes for outgoing packets; @param decryptKey 16 bytes for incoming ones */
    public PacketCipher(byte[] encryptKey, byte[] decryptKey) {
        if (encryptKey.length != BLOCK || decryptKey.length != BLOCK) {
            throw new IllegalArgumentException("AES-128 keys are 16 bytes");
        }
        this.encryptKey = new SecretKeySpec(encryptKey, "AES");
        this.decryptKey = new SecretKeySpec(decryptKey, "AES");
        try {
            this.encryptor = Cipher.getInstance("AES/CBC/NoPadding");
            this.decryptor = Cipher.getInstance("AES/CBC/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CBC is a required JCA algorithm", e);
        }
    }

    /** A cipher using the default session key both ways, for startup packets. */
    public static PacketCipher defaultCipher() {
        return new PacketCipher(DEFAULT_KEY, DEFAULT_KEY);
    }

    /** The encrypted size for a plain packet of {@code plainLength} bytes. */
    public static int encryptedLength(int plainLength) {
        int withChecksum = plainLength + CHECKSUM_LENGTH;
        return (withChecksum + BLOCK - 1) / BLOCK * BLOCK;
    }

    /** Checksums, pads and encrypts {@code plain}. */
    public byte[] encrypt(byte[] plain) {
        byte[] block = new byte[encryptedLength(plain.length)];
        System.arraycopy(plain, 0, block, CHECKSUM_LENGTH, plain.length);
        Arrays.fill(block, CHECKSUM_LENGTH + plain.length, block.length, (byte) 0xff);
        int checksum = InternetChecksum.compute(block, CHECKSUM_LENGTH, block.length - CHECKSUM_LENGTH);
        block[0] = (byte) (checksum >>> 8);
        block[1] = (byte) checksum;
        try {
            encryptor.init(Cipher.ENCRYPT_MODE, encryptKey, ZERO_IV);
            return encryptor.doFinal(block);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES encryption failed", e);
        }
    }

    /**
     * Decrypts and checks {@code encrypted[offset, offset+length)}.
     *
     * @return the plain packet (checksum removed, padding kept: the packet parser stops at it),
     *     or empty if the length is not whole blocks or the checksum does not match
     */
    public Optional<byte[]> decrypt(byte[] encrypted, int offset, int length) {
        if (length < BLOCK || length % BLOCK != 0) {
            return Optional.empty();
        }
        byte[] block;
        try {
            decryptor.init(Cipher.DECRYPT_MODE, decryptKey, ZERO_IV);
            block = decryptor.doFinal(encrypted, offset, length);
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
        int expected = ((block[0] & 0xff) << 8) | (block[1] & 0xff);
        if (expected != InternetChecksum.compute(block, CHECKSUM_LENGTH, block.length - CHECKSUM_LENGTH)) {
            return Optional.empty();
        }
        return Optional.of(Arrays.copyOfRange(block, CHECKSUM_LENGTH, block.length));
    }
}
