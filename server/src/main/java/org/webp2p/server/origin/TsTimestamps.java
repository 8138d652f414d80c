package org.webp2p.server.origin;

/**
 * Moves an MPEG-TS segment in time: every PCR (ISO/IEC 13818-1 §2.4.3.5) and every PES PTS and DTS
 * (§2.4.3.7) gets the same offset, in 90 kHz ticks and modulo 2^33 as the fields wrap. The looped
 * demo clip is shifted by one clip length per loop, so it plays as one continuous stream instead of
 * a discontinuity every loop.
 */
final class TsTimestamps {
    static final int PACKET = 188;
    private static final int SYNC = 0x47;
    private static final long WRAP = 1L << 33;

    private TsTimestamps() {
    }

    /** A copy of {@code ts} with its clock moved {@code ticks} (90 kHz) later. */
    static byte[] shift(byte[] ts, long ticks) {
        if (ts.length % PACKET != 0) {
            throw new IllegalArgumentException("not whole 188-byte TS packets: " + ts.length + " bytes");
        }
        byte[] out = ts.clone();
        long offset = Math.floorMod(ticks, WRAP);
        for (int p = 0; p < out.length; p += PACKET) {
            if ((out[p] & 0xff) != SYNC) {
                throw new IllegalArgumentException("no TS sync byte at offset " + p);
            }
            boolean payloadStart = (out[p + 1] & 0x40) != 0;
            int control = (out[p + 3] >> 4) & 0x3;
            int payload = p + 4;
            if ((control & 0x2) != 0) {
                int length = out[p + 4] & 0xff;
                boolean pcr = length > 0 && (out[p + 5] & 0x10) != 0;
                if (pcr) {
                    shiftPcr(out, p + 6, offset);
                }
                payload = p + 5 + length;
            }
            if ((control & 0x1) != 0 && payloadStart && payload + 14 <= p + PACKET && isPesStart(out, payload)) {
                int flags = (out[payload + 7] >> 6) & 0x3;
                if ((flags & 0x2) != 0) {
                    shiftTimestamp(out, payload + 9, offset);
                }
                if (flags == 0x3 && payload + 19 <= p + PACKET) {
                    shiftTimestamp(out, payload + 14, offset);
                }
            }
        }
        return out;
    }

    private static boolean isPesStart(byte[] b, int at) {
        return b[at] == 0 && b[at + 1] == 0 && b[at + 2] == 1;
    }

    /** A 33-bit PTS or DTS in five bytes: 4 prefix bits, then 3, 15 and 15 bits each followed by a marker bit. */
    private static void shiftTimestamp(byte[] b, int at, long offset) {
        long t = ((long) (b[at] & 0x0e) << 29) | ((b[at + 1] & 0xffL) << 22) | ((long) (b[at + 2] & 0xfe) << 14)
                | ((b[at + 3] & 0xffL) << 7) | ((b[at + 4] & 0xffL) >> 1);
        t = (t + offset) % WRAP;
        b[at] = (byte) ((b[at] & 0xf1) | ((t >> 29) & 0x0e));
        b[at + 1] = (byte) (t >> 22);
        b[at + 2] = (byte) ((b[at + 2] & 0x01) | ((t >> 14) & 0xfe));
        b[at + 3] = (byte) (t >> 7);
        b[at + 4] = (byte) ((b[at + 4] & 0x01) | ((t << 1) & 0xfe));
    }

    /** The PCR's 33-bit base (90 kHz) leads its six bytes; the 9-bit 27 MHz extension stays as it is. */
    private static void shiftPcr(byte[] b, int at, long offset) {
        long base = ((b[at] & 0xffL) << 25) | ((b[at + 1] & 0xffL) << 17) | ((b[at + 2] & 0xffL) << 9)
                | ((b[at + 3] & 0xffL) << 1) | ((b[at + 4] & 0xffL) >> 7);
        base = (base + offset) % WRAP;
        b[at] = (byte) (base >> 25);
        b[at + 1] = (byte) (base >> 17);
        b[at + 2] = (byte) (base >> 9);
        b[at + 3] = (byte) (base >> 1);
        b[at + 4] = (byte) ((b[at + 4] & 0x7f) | ((base << 7) & 0x80));
    }
}
