package org.webp2p.rtmfp.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.webp2p.rtmfp.wire.MalformedInputException;
import org.webp2p.rtmfp.wire.Vlu;
import org.webp2p.rtmfp.wire.WireReader;
import org.webp2p.rtmfp.wire.WireWriter;

/**
 * Packet encryption of the Flash profile (RFC 7425 §4): the plain packet, padded with 0xff to a
 * multiple of 16 bytes, encrypted with AES-128-CBC and a zero IV. In front of the packet go a
 * session sequence number when negotiated, then a 16-bit Internet checksum unless an HMAC of the
 * ciphertext is appended instead.
 *
 * <p>One instance serves one session (both directions) and is used from one thread.
 */
public final class PacketCipher {
    /** The well-known key of startup packets: "Adobe Systems 02" (RFC 7425 §4.1). */
    private static final byte[] DEFAULT_KEY = "Adobe Systems 02".getBytes(StandardCharsets.US_ASCII);
    private static final int BLOCK = 16;
    private static final int CHECKSUM_LENGTH = 2;
    private static final IvParameterSpec ZERO_IV = new IvParameterSpec(new byte[BLOCK]);

    private final SecretKeySpec encryptKey;
    private final SecretKeySpec decryptKey;
    private final Cipher encryptor;
    private final Cipher decryptor;
    private final PacketProtection protection;
    private final Mac hmacOut;
    private final Mac hmacIn;
    private final ReplayWindow replay = new ReplayWindow();
    private long nextSequence;

    /** @param encryptKey 16 bytes for outgoing packets; @param decryptKey 16 bytes for incoming ones */
    public PacketCipher(byte[] encryptKey, byte[] decryptKey) {
        this(encryptKey, decryptKey, PacketProtection.NONE, null, null);
    }

    PacketCipher(byte[] encryptKey, byte[] decryptKey, PacketProtection protection, byte[] hmacOutKey, byte[] hmacInKey) {
        if (encryptKey.length != BLOCK || decryptKey.length != BLOCK) {
            throw new IllegalArgumentException("AES-128 keys are 16 bytes");
        }
        this.encryptKey = new SecretKeySpec(encryptKey, "AES");
        this.decryptKey = new SecretKeySpec(decryptKey, "AES");
        this.protection = protection;
        try {
            this.encryptor = Cipher.getInstance("AES/CBC/NoPadding");
            this.decryptor = Cipher.getInstance("AES/CBC/NoPadding");
            this.hmacOut = protection.hmacOut() ? mac(hmacOutKey) : null;
            this.hmacIn = protection.hmacIn() ? mac(hmacInKey) : null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CBC and HmacSHA256 are required JCA algorithms", e);
        }
    }

    private static Mac mac(byte[] key) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac;
    }

    /** A cipher using the default session key both ways, for startup packets. */
    public static PacketCipher defaultCipher() {
        return new PacketCipher(DEFAULT_KEY, DEFAULT_KEY);
    }

    public PacketProtection protection() {
        return protection;
    }

    /** The length {@link #encrypt} would give a plain packet of {@code plainLength} bytes, computed without encrypting. */
    public int encryptedLength(int plainLength) {
        int head = (protection.sequenceOut() ? Vlu.encodedLength(nextSequence) : 0) + (protection.hmacOut() ? 0 : CHECKSUM_LENGTH);
        int body = (head + plainLength + BLOCK - 1) / BLOCK * BLOCK;
        return body + (protection.hmacOut() ? protection.hmacOutLength() : 0);
    }

    /** Adds the negotiated front fields, pads, encrypts, and appends the HMAC if negotiated. */
    public byte[] encrypt(byte[] plain) {
        WireWriter front = new WireWriter(16);
        if (protection.sequenceOut()) {
            front.writeVlu(nextSequence++);
        }
        int checksumAt = front.size();
        if (!protection.hmacOut()) {
            front.writeU16(0);
        }
        int headLength = front.size();
        int blockLength = (headLength + plain.length + BLOCK - 1) / BLOCK * BLOCK;
        byte[] block = Arrays.copyOf(front.toByteArray(), blockLength);
        System.arraycopy(plain, 0, block, headLength, plain.length);
        Arrays.fill(block, headLength + plain.length, blockLength, (byte) 0xff);
        if (!protection.hmacOut()) {
            int checksum = InternetChecksum.compute(block, headLength, blockLength - headLength);
            block[checksumAt] = (byte) (checksum >>> 8);
            block[checksumAt + 1] = (byte) checksum;
        }
        byte[] encrypted;
        try {
            encryptor.init(Cipher.ENCRYPT_MODE, encryptKey, ZERO_IV);
            encrypted = encryptor.doFinal(block);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES encryption failed", e);
        }
        if (!protection.hmacOut()) {
            return encrypted;
        }
        byte[] withMac = Arrays.copyOf(encrypted, encrypted.length + protection.hmacOutLength());
        System.arraycopy(hmacOut.doFinal(encrypted), 0, withMac, encrypted.length, protection.hmacOutLength());
        return withMac;
    }

    /**
     * Checks and decrypts {@code encrypted[offset, offset+length)}.
     *
     * @return the plain packet (front fields removed, padding kept: the packet parser stops at
     *     it), or empty if the length, HMAC, checksum or sequence number is wrong or replayed
     */
    public Optional<byte[]> decrypt(byte[] encrypted, int offset, int length) {
        int macLength = protection.hmacIn() ? protection.hmacInLength() : 0;
        int bodyLength = length - macLength;
        if (bodyLength < BLOCK || bodyLength % BLOCK != 0) {
            return Optional.empty();
        }
        if (protection.hmacIn()) {
            hmacIn.update(encrypted, offset, bodyLength);
            byte[] expected = Arrays.copyOf(hmacIn.doFinal(), macLength);
            byte[] actual = Arrays.copyOfRange(encrypted, offset + bodyLength, offset + length);
            if (!MessageDigest.isEqual(expected, actual)) {
                return Optional.empty();
            }
        }
        byte[] block;
        try {
            decryptor.init(Cipher.DECRYPT_MODE, decryptKey, ZERO_IV);
            block = decryptor.doFinal(encrypted, offset, bodyLength);
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
        int cursor = 0;
        long sequence = -1;
        if (protection.sequenceIn()) {
            try {
                WireReader in = new WireReader(block);
                sequence = in.readVlu();
                cursor = in.position();
            } catch (MalformedInputException e) {
                return Optional.empty();
            }
        }
        if (!protection.hmacIn()) {
            if (block.length - cursor < CHECKSUM_LENGTH) {
                return Optional.empty();
            }
            int expected = ((block[cursor] & 0xff) << 8) | (block[cursor + 1] & 0xff);
            cursor += CHECKSUM_LENGTH;
            if (expected != InternetChecksum.compute(block, cursor, block.length - cursor)) {
                return Optional.empty();
            }
        }
        // Only a packet that proved authentic may advance the replay window.
        if (protection.sequenceIn() && !replay.accept(sequence)) {
            return Optional.empty();
        }
        return Optional.of(Arrays.copyOfRange(block, cursor, block.length));
    }
}
