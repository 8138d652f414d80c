package org.webp2p.rtmfp.crypto;

/**
 * What this endpoint asks of the far end's packets beyond the checksum (RFC 7425 §4.6): an HMAC
 * on every packet and/or session sequence numbers against replay. We always offer to send both
 * on request; these flags make us request them.
 *
 * @param requireHmac         ask the far end to authenticate every packet with an HMAC
 * @param hmacLength          bytes of HMAC we send when asked to (4 to 32)
 * @param requireSequence     ask the far end to number its packets
 */
public record ProtectionPolicy(boolean requireHmac, int hmacLength, boolean requireSequence) {
    public static final int MIN_HMAC_LENGTH = 4;
    public static final int MAX_HMAC_LENGTH = 32;

    /** Checksum only, as Flash Player uses by default; still honours far requests. */
    public static final ProtectionPolicy CHECKSUM_ONLY = new ProtectionPolicy(false, 16, false);

    public ProtectionPolicy {
        if (hmacLength < MIN_HMAC_LENGTH || hmacLength > MAX_HMAC_LENGTH) {
            throw new IllegalArgumentException("HMAC length must be 4 to 32 bytes");
        }
    }
}
