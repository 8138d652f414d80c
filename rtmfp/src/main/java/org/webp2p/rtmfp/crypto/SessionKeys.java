package org.webp2p.rtmfp.crypto;

import java.util.Arrays;

/**
 * Derives a session's packet keys (RFC 7425 §4.6): with the DH shared secret S and the
 * near and far session key components,
 * encrypt key = HMAC-SHA256(S, HMAC-SHA256(far, near)) and
 * decrypt key = HMAC-SHA256(S, HMAC-SHA256(near, far)), each cut to 128 bits.
 */
public final class SessionKeys {
    private static final int AES_KEY_LENGTH = 16;

    private SessionKeys() {
    }

    /** Keys with checksums only (no HMAC, no sequence numbers). */
    public static PacketCipher derive(byte[] sharedSecret, byte[] nearComponent, byte[] farComponent) {
        return derive(sharedSecret, nearComponent, farComponent, PacketProtection.NONE);
    }

    /**
     * Keys with the negotiated protections; HMAC keys are HMAC-SHA256(S, full encrypt or decrypt
     * key), as the profile defines them.
     */
    public static PacketCipher derive(byte[] sharedSecret, byte[] nearComponent, byte[] farComponent,
                                      PacketProtection protection) {
        byte[] encrypt = Sha256.hmac(sharedSecret, Sha256.hmac(farComponent, nearComponent));
        byte[] decrypt = Sha256.hmac(sharedSecret, Sha256.hmac(nearComponent, farComponent));
        byte[] hmacOut = Sha256.hmac(sharedSecret, encrypt);
        byte[] hmacIn = Sha256.hmac(sharedSecret, decrypt);
        PacketCipher cipher = new PacketCipher(Arrays.copyOf(encrypt, AES_KEY_LENGTH), Arrays.copyOf(decrypt, AES_KEY_LENGTH),
                protection, hmacOut, hmacIn);
        for (byte[] secret : new byte[][] {encrypt, decrypt, hmacOut, hmacIn}) {
            Arrays.fill(secret, (byte) 0);
        }
        return cipher;
    }
}
