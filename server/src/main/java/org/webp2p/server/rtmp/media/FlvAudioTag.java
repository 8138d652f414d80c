package org.webp2p.server.rtmp.media;

import java.nio.charset.StandardCharsets;

/**
 * The header of an FLV audio tag body as RTMP message type 8 carries it: the legacy AUDIODATA form
 * (FLV specification v10.1 §E.4.2.1) or the ExAudioTagHeader of Enhanced RTMP, which names the codec
 * by FourCC. Only AAC is taken; any other codec is refused with words the operator can act on.
 *
 * @param type       what the body holds
 * @param dataOffset where the AudioSpecificConfig or the raw AAC frame starts
 */
record FlvAudioTag(Type type, int dataOffset) {

    enum Type {
        /** An AudioSpecificConfig. */
        SEQUENCE_HEADER,
        /** One raw AAC frame. */
        FRAME,
        /** Nothing to carry: an empty tag, an end of sequence, a channel layout. */
        NONE
    }

    private static final int FORMAT_EX_HEADER = 9;
    private static final int FORMAT_AAC = 10;
    // Enhanced RTMP AudioPacketType.
    private static final int SEQUENCE_START = 0;
    private static final int CODED_FRAMES = 1;
    private static final int SEQUENCE_END = 2;
    private static final int MULTICHANNEL_CONFIG = 4;
    private static final int MULTITRACK = 5;

    private static final FlvAudioTag NOTHING = new FlvAudioTag(Type.NONE, 0);

    static FlvAudioTag parse(byte[] body) throws UnsupportedMediaException {
        if (body.length == 0) {
            return NOTHING;
        }
        int format = (body[0] & 0xff) >> 4;
        if (format == FORMAT_EX_HEADER) {
            return parseEnhanced(body);
        }
        if (format != FORMAT_AAC) {
            throw MediaRefusals.audio(legacyFormatName(format));
        }
        if (body.length < 2) {
            throw MediaRefusals.malformed("AAC audio tag (" + body.length + " byte)");
        }
        return switch (body[1]) {
            case 0 -> new FlvAudioTag(Type.SEQUENCE_HEADER, 2);
            case 1 -> new FlvAudioTag(Type.FRAME, 2);
            default -> throw MediaRefusals.malformed("AAC audio tag (AAC packet type " + body[1] + ")");
        };
    }

    private static FlvAudioTag parseEnhanced(byte[] body) throws UnsupportedMediaException {
        int packetType = body[0] & 0x0f;
        if (packetType == MULTITRACK) {
            throw new UnsupportedMediaException("the encoder sends several audio tracks at once (Enhanced RTMP"
                    + " multitrack) and this server carries one: send a single audio track");
        }
        if (body.length < 5) {
            throw MediaRefusals.malformed("Enhanced RTMP audio tag (" + body.length + " bytes)");
        }
        String fourCc = new String(body, 1, 4, StandardCharsets.ISO_8859_1);
        if (!fourCc.equals("mp4a")) {
            throw MediaRefusals.audio(fourCcName(fourCc));
        }
        return switch (packetType) {
            case SEQUENCE_START -> new FlvAudioTag(Type.SEQUENCE_HEADER, 5);
            case CODED_FRAMES -> new FlvAudioTag(Type.FRAME, 5);
            case SEQUENCE_END, MULTICHANNEL_CONFIG -> NOTHING;
            default -> throw new UnsupportedMediaException("the encoder sends Enhanced RTMP audio packets of type "
                    + packetType + ", which this server does not read: send plain AAC (OBS: Settings > Output >"
                    + " Audio Encoder)");
        };
    }

    private static String legacyFormatName(int format) {
        return switch (format) {
            case 0, 3 -> "linear PCM";
            case 1 -> "ADPCM";
            case 2, 14 -> "MP3";
            case 4, 5, 6 -> "Nellymoser";
            case 7 -> "G.711 A-law";
            case 8 -> "G.711 mu-law";
            case 11 -> "Speex";
            default -> "FLV sound format " + format;
        };
    }

    private static String fourCcName(String fourCc) {
        return switch (fourCc) {
            case "Opus" -> "Opus";
            case ".mp3" -> "MP3";
            case "fLaC" -> "FLAC";
            case "ac-3" -> "AC-3";
            case "ec-3" -> "E-AC-3";
            default -> MediaRefusals.quotedFourCc(fourCc);
        };
    }
}
