package org.webp2p.server.rtmp.media;

import java.io.ByteArrayOutputStream;

/**
 * The AVC sequence header of an FLV stream: an AVCDecoderConfigurationRecord (ISO/IEC 14496-15
 * §5.3.3.1). It says how long the length prefix of each NAL unit is in the frames that follow, and
 * carries the SPS and PPS that MPEG-TS, which has no out-of-band configuration, must repeat in the
 * stream before every IDR picture.
 */
final class AvcDecoderConfiguration {
    static final int NAL_SPS = 7;
    static final int NAL_PPS = 8;

    private final int nalLengthSize;
    private final byte[] annexBParameterSets;

    private AvcDecoderConfiguration(int nalLengthSize, byte[] annexBParameterSets) {
        this.nalLengthSize = nalLengthSize;
        this.annexBParameterSets = annexBParameterSets;
    }

    static AvcDecoderConfiguration parse(byte[] b, int offset) throws UnsupportedMediaException {
        int at = offset;
        if (b.length - at < 7 || b[at] != 1) {
            throw MediaRefusals.malformed("H.264 sequence header (not an AVCDecoderConfigurationRecord version 1)");
        }
        int lengthSize = (b[at + 4] & 0x03) + 1;
        if (lengthSize == 3) {
            throw MediaRefusals.malformed("H.264 sequence header (NAL unit lengths of 3 bytes)");
        }
        ByteArrayOutputStream sets = new ByteArrayOutputStream();
        at += 5;
        int spsCount = b[at++] & 0x1f;
        at = copyParameterSets(b, at, spsCount, NAL_SPS, sets);
        if (at >= b.length) {
            throw MediaRefusals.malformed("H.264 sequence header (no PPS)");
        }
        int ppsCount = b[at++] & 0xff;
        copyParameterSets(b, at, ppsCount, NAL_PPS, sets);
        if (spsCount == 0 || ppsCount == 0) {
            throw MediaRefusals.malformed("H.264 sequence header (" + spsCount + " SPS, " + ppsCount + " PPS)");
        }
        return new AvcDecoderConfiguration(lengthSize, sets.toByteArray());
    }

    private static int copyParameterSets(byte[] b, int at, int count, int nalType, ByteArrayOutputStream out)
            throws UnsupportedMediaException {
        for (int i = 0; i < count; i++) {
            if (at + 2 > b.length) {
                throw MediaRefusals.malformed("H.264 sequence header (cut short)");
            }
            int length = ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
            at += 2;
            if (length == 0 || at + length > b.length || (b[at] & 0x1f) != nalType) {
                throw MediaRefusals.malformed("H.264 sequence header (parameter set " + i + " is not a NAL unit of type "
                        + nalType + ")");
            }
            out.write(AnnexB.START_CODE, 0, AnnexB.START_CODE.length);
            out.write(b, at, length);
            at += length;
        }
        return at;
    }

    /** 1, 2 or 4: the size of the big-endian length before each NAL unit of a frame. */
    int nalLengthSize() {
        return nalLengthSize;
    }

    /** Writes every SPS then every PPS, each after an Annex B start code. */
    void writeParameterSets(MediaBytes out) {
        out.write(annexBParameterSets, 0, annexBParameterSets.length);
    }
}
