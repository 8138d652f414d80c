package org.webp2p.server.rtmp.media;

/**
 * The CRC that ends every PSI section (ISO/IEC 13818-1 Annex A): polynomial 0x04C11DB7, initial
 * value all ones, bits most significant first and no final inversion. {@link java.util.zip.CRC32}
 * has the same polynomial but processes bits in the reflected order, so it cannot stand in.
 */
final class MpegCrc32 {
    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i << 24;
            for (int bit = 0; bit < 8; bit++) {
                c = (c & 0x80000000) != 0 ? (c << 1) ^ 0x04C11DB7 : c << 1;
            }
            TABLE[i] = c;
        }
    }

    private MpegCrc32() {
    }

    static int of(byte[] b, int offset, int length) {
        int crc = 0xffffffff;
        for (int i = offset; i < offset + length; i++) {
            crc = (crc << 8) ^ TABLE[((crc >>> 24) ^ b[i]) & 0xff];
        }
        return crc;
    }
}
