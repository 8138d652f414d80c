package org.webp2p.server.rtmp.media;

/**
 * H.264 access units from the form FLV carries them in (NAL units each after a big-endian length,
 * ISO/IEC 14496-15 §5.3.4.2) to the byte stream MPEG-TS carries (ITU-T H.264 Annex B): each NAL unit
 * after a start code, the access unit opened by an access unit delimiter as ISO/IEC 13818-1 §2.14
 * requires, and SPS and PPS before each IDR picture so a player can start at any segment.
 */
final class AnnexB {
    static final byte[] START_CODE = {0, 0, 0, 1};
    static final int NAL_IDR = 5;
    static final int NAL_AUD = 9;
    // primary_pic_type 7 (any slice type), then the RBSP stop bit.
    private static final byte[] ACCESS_UNIT_DELIMITER = {0, 0, 0, 1, NAL_AUD, (byte) 0xf0};

    private AnnexB() {
    }

    /** What the NAL units of one access unit are, read before it is written out. */
    record Scan(boolean idr, boolean parameterSets) {
    }

    static Scan scan(byte[] b, int offset, int nalLengthSize) throws UnsupportedMediaException {
        boolean idr = false;
        boolean sps = false;
        for (int at = offset; at < b.length; ) {
            int length = nalLength(b, at, nalLengthSize);
            at += nalLengthSize;
            if (length > 0) {
                int type = b[at] & 0x1f;
                idr |= type == NAL_IDR;
                sps |= type == AvcDecoderConfiguration.NAL_SPS;
            }
            at += length;
        }
        return new Scan(idr, sps);
    }

    /**
     * Writes the access unit at {@code offset} of an FLV video tag body as Annex B, after a delimiter
     * of its own (the encoder's are dropped) and, with {@code parameterSets}, the configuration's SPS
     * and PPS.
     */
    static void write(byte[] b, int offset, AvcDecoderConfiguration config, boolean parameterSets, MediaBytes out)
            throws UnsupportedMediaException {
        int lengthSize = config.nalLengthSize();
        out.write(ACCESS_UNIT_DELIMITER, 0, ACCESS_UNIT_DELIMITER.length);
        if (parameterSets) {
            config.writeParameterSets(out);
        }
        for (int at = offset; at < b.length; ) {
            int length = nalLength(b, at, lengthSize);
            at += lengthSize;
            if (length > 0 && (b[at] & 0x1f) != NAL_AUD) {
                out.write(START_CODE, 0, START_CODE.length);
                out.write(b, at, length);
            }
            at += length;
        }
    }

    private static int nalLength(byte[] b, int at, int lengthSize) throws UnsupportedMediaException {
        if (at + lengthSize > b.length) {
            throw MediaRefusals.malformed("H.264 frame (a NAL unit length is cut short)");
        }
        long length = 0;
        for (int i = 0; i < lengthSize; i++) {
            length = (length << 8) | (b[at + i] & 0xff);
        }
        if (length > b.length - at - lengthSize) {
            throw MediaRefusals.malformed("H.264 frame (a NAL unit of " + length + " bytes runs past the end of the tag)");
        }
        return (int) length;
    }
}
