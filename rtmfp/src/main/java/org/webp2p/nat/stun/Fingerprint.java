package org.webp2p.nat.stun;

/**
 * FINGERPRINT (RFC 8489 §14.7): CRC-32 of the message XOR 0x5354554e, always the last attribute. Its
 * value is a function of the rest of the message, so the record carries only its presence: the codec
 * computes it when encoding and checks it when decoding.
 */
public record Fingerprint() implements StunAttribute {
    /** Attribute type. */
    public static final int TYPE = 0x8028;

    /** XORed into the CRC so a FINGERPRINT never matches a CRC another protocol put there ("STUN"). */
    public static final int XOR_VALUE = 0x5354554E;

    @Override
    public int type() {
        return TYPE;
    }
}
