package org.webp2p.server.rtmp.media;

/**
 * The AAC sequence header of an FLV stream: an AudioSpecificConfig (ISO/IEC 14496-3 §1.6.2.1),
 * reduced to what an ADTS header (§1.A.2.2) repeats before every raw AAC frame in MPEG-TS, which has
 * no out-of-band configuration.
 *
 * @param objectType    the audio object type ADTS announces: 1 (Main), 2 (LC), 3 (SSR) or 4 (LTP)
 * @param frequencyIndex index into the standard sampling frequencies, of the core coder
 * @param channels      channel configuration, 1 to 7
 */
record AudioSpecificConfig(int objectType, int frequencyIndex, int channels) {
    static final int ADTS_HEADER = 7;
    private static final int[] FREQUENCIES = {96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000,
        11025, 8000, 7350};
    private static final int SBR = 5;
    private static final int PARAMETRIC_STEREO = 29;
    // 13 bits of aac_frame_length, which counts the header too.
    private static final int MAX_ADTS_FRAME = (1 << 13) - 1;

    AudioSpecificConfig {
        if (objectType < 1 || objectType > 4) {
            throw new IllegalArgumentException("ADTS carries audio object types 1 to 4, not " + objectType);
        }
        if (frequencyIndex < 0 || frequencyIndex >= FREQUENCIES.length) {
            throw new IllegalArgumentException("no sampling frequency index " + frequencyIndex);
        }
        if (channels < 1 || channels > 7) {
            throw new IllegalArgumentException("ADTS carries channel configurations 1 to 7, not " + channels);
        }
    }

    static AudioSpecificConfig parse(byte[] b, int offset) throws UnsupportedMediaException {
        Bits in = new Bits(b, offset);
        int objectType = in.objectType();
        int frequencyIndex = in.frequencyIndex();
        int channels = in.read(4);
        if (objectType == SBR || objectType == PARAMETRIC_STEREO) {
            // HE-AAC signalled explicitly: the core is plain AAC at the first frequency; ADTS carries it
            // as such and decoders find the SBR data in the frames themselves (§1.6.5.2, implicit signalling).
            in.frequencyIndex();
            objectType = in.objectType();
        }
        if (objectType < 1 || objectType > 4) {
            throw MediaRefusals.aac("of audio object type " + objectType + " (ADTS frames Main, LC, SSR and LTP)");
        }
        if (channels < 1 || channels > 7) {
            throw MediaRefusals.aac("with channel configuration " + channels);
        }
        return new AudioSpecificConfig(objectType, frequencyIndex, channels);
    }

    int sampleRate() {
        return FREQUENCIES[frequencyIndex];
    }

    /** Writes the 7-byte ADTS header (no CRC) of a frame of {@code rawLength} bytes of raw AAC. */
    void writeAdtsHeader(int rawLength, MediaBytes out) throws UnsupportedMediaException {
        int frameLength = ADTS_HEADER + rawLength;
        if (frameLength > MAX_ADTS_FRAME) {
            throw MediaRefusals.malformed("AAC frame (" + rawLength + " bytes is more than ADTS can frame)");
        }
        int profile = objectType - 1;
        out.write(0xff);
        out.write(0xf1); // syncword end, MPEG-4, layer 0, no CRC
        out.write((profile << 6) | (frequencyIndex << 2) | (channels >> 2));
        out.write(((channels & 3) << 6) | (frameLength >> 11));
        out.write(frameLength >> 3);
        out.write(((frameLength & 7) << 5) | 0x1f); // buffer fullness 0x7FF: variable bit rate
        out.write(0xfc); // the rest of the buffer fullness, one raw data block
    }

    /** MSB-first bits of an AudioSpecificConfig. */
    private static final class Bits {
        private final byte[] b;
        private long position;

        Bits(byte[] b, int offset) {
            this.b = b;
            this.position = (long) offset * 8;
        }

        int read(int bits) throws UnsupportedMediaException {
            int value = 0;
            for (int i = 0; i < bits; i++, position++) {
                int at = (int) (position >> 3);
                if (at >= b.length) {
                    throw MediaRefusals.malformed("AAC sequence header (cut short)");
                }
                value = (value << 1) | ((b[at] >> (7 - (int) (position & 7))) & 1);
            }
            return value;
        }

        int objectType() throws UnsupportedMediaException {
            int type = read(5);
            return type == 31 ? 32 + read(6) : type;
        }

        int frequencyIndex() throws UnsupportedMediaException {
            int index = read(4);
            if (index != 15) {
                return index;
            }
            int frequency = read(24);
            for (int i = 0; i < FREQUENCIES.length; i++) {
                if (FREQUENCIES[i] == frequency) {
                    return i;
                }
            }
            throw MediaRefusals.aac("at " + frequency + " Hz");
        }
    }
}
