package org.webp2p.rtmfp.crypto;

/**
 * The 16-bit ones' complement Internet checksum of RFC 1071, which RFC 7425 §4 puts in front of
 * every plain packet of the Flash profile.
 */
public final class InternetChecksum {
    private InternetChecksum() {
    }

    public static int compute(byte[] data, int offset, int length) {
        long sum = 0;
        int end = offset + length;
        int i = offset;
        for (; i + 1 < end; i += 2) {
            sum += ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
        }
        if (i < end) {
            // RFC 1071: an odd trailing byte is padded with a zero low byte.
            sum += (data[i] & 0xff) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }
}
