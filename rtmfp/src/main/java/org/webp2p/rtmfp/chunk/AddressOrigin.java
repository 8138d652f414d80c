package org.webp2p.rtmfp.chunk;

/** The origin bits of an encoded address (RFC 7016 §2.1.5). */
public enum AddressOrigin {
    UNKNOWN, REPORTED, OBSERVED, RELAY;

    public static AddressOrigin fromBits(int bits) {
        return values()[bits & 0x03];
    }
}
