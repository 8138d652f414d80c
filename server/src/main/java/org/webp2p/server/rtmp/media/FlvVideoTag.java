package org.webp2p.server.rtmp.media;

import java.nio.charset.StandardCharsets;

/**
 * The header of an FLV video tag body as RTMP message type 9 carries it: the legacy VIDEODATA form
 * (FLV specification v10.1 §E.4.3.1) or the ExVideoTagHeader of Enhanced RTMP, which names the codec
 * by FourCC. Only H.264 is taken; any other codec is refused with words the operator can act on.
 *
 * @param type            what the body holds
 * @param keyframe        the tag's frame type says key frame
 * @param compositionTime PTS minus DTS, in milliseconds (signed)
 * @param dataOffset      where the AVCDecoderConfigurationRecord or the length-prefixed NAL units start
 */
record FlvVideoTag(Type type, boolean keyframe, int compositionTime, int dataOffset) {

    enum Type {
        /** An AVCDecoderConfigurationRecord. */
        SEQUENCE_HEADER,
        /** One access unit of length-prefixed NAL units. */
        FRAME,
        /** Nothing to carry: end of sequence, a command frame, metadata, an empty tag. */
        NONE
    }

    private static final int KEY_FRAME = 1;
    private static final int COMMAND_FRAME = 5;
    private static final int CODEC_AVC = 7;
    private static final int EX_HEADER = 0x80;
    // Enhanced RTMP VideoPacketType.
    private static final int SEQUENCE_START = 0;
    private static final int CODED_FRAMES = 1;
    private static final int SEQUENCE_END = 2;
    private static final int CODED_FRAMES_X = 3;
    private static final int METADATA = 4;
    private static final int MULTITRACK = 6;

    private static final FlvVideoTag NOTHING = new FlvVideoTag(Type.NONE, false, 0, 0);

    static FlvVideoTag parse(byte[] body) throws UnsupportedMediaException {
        if (body.length == 0) {
            return NOTHING;
        }
        int first = body[0] & 0xff;
        return (first & EX_HEADER) != 0 ? parseEnhanced(body, first) : parseLegacy(body, first);
    }

    private static FlvVideoTag parseLegacy(byte[] body, int first) throws UnsupportedMediaException {
        int frameType = first >> 4;
        int codec = first & 0x0f;
        if (frameType == COMMAND_FRAME) {
            return NOTHING;
        }
        if (codec != CODEC_AVC) {
            throw MediaRefusals.video(legacyCodecName(codec));
        }
        if (body.length < 5) {
            throw MediaRefusals.malformed("H.264 video tag (" + body.length + " bytes)");
        }
        int compositionTime = (body[2] << 16) | ((body[3] & 0xff) << 8) | (body[4] & 0xff); // SI24: sign from byte 2
        return switch (body[1]) {
            case 0 -> new FlvVideoTag(Type.SEQUENCE_HEADER, false, 0, 5);
            case 1 -> new FlvVideoTag(Type.FRAME, frameType == KEY_FRAME, compositionTime, 5);
            case 2 -> NOTHING;
            default -> throw MediaRefusals.malformed("H.264 video tag (AVC packet type " + body[1] + ")");
        };
    }

    private static FlvVideoTag parseEnhanced(byte[] body, int first) throws UnsupportedMediaException {
        int frameType = (first >> 4) & 0x07;
        int packetType = first & 0x0f;
        if (frameType == COMMAND_FRAME) {
            return NOTHING;
        }
        if (packetType == MULTITRACK) {
            throw new UnsupportedMediaException("the encoder sends several video tracks at once (Enhanced RTMP"
                    + " multitrack) and this server carries one: turn multitrack video off (OBS: Settings > Stream)");
        }
        if (body.length < 5) {
            throw MediaRefusals.malformed("Enhanced RTMP video tag (" + body.length + " bytes)");
        }
        String fourCc = new String(body, 1, 4, StandardCharsets.ISO_8859_1);
        if (!fourCc.equals("avc1")) {
            throw MediaRefusals.video(fourCcName(fourCc));
        }
        boolean key = frameType == KEY_FRAME;
        return switch (packetType) {
            case SEQUENCE_START -> new FlvVideoTag(Type.SEQUENCE_HEADER, false, 0, 5);
            case CODED_FRAMES -> {
                if (body.length < 8) {
                    throw MediaRefusals.malformed("Enhanced RTMP H.264 frame (" + body.length + " bytes)");
                }
                yield new FlvVideoTag(Type.FRAME, key, (body[5] << 16) | ((body[6] & 0xff) << 8) | (body[7] & 0xff), 8);
            }
            case CODED_FRAMES_X -> new FlvVideoTag(Type.FRAME, key, 0, 5);
            case SEQUENCE_END, METADATA -> NOTHING;
            default -> throw new UnsupportedMediaException("the encoder sends Enhanced RTMP video packets of type "
                    + packetType + ", which this server does not read: send plain H.264 (OBS: Settings > Output >"
                    + " Video Encoder, x264)");
        };
    }

    private static String legacyCodecName(int codec) {
        return switch (codec) {
            case 1 -> "JPEG";
            case 2 -> "Sorenson H.263";
            case 3 -> "Screen Video";
            case 4 -> "On2 VP6";
            case 5 -> "On2 VP6 with alpha";
            case 6 -> "Screen Video 2";
            case 12 -> "HEVC (H.265)";
            default -> "FLV codec " + codec;
        };
    }

    private static String fourCcName(String fourCc) {
        return switch (fourCc) {
            case "hvc1" -> "HEVC (H.265)";
            case "av01" -> "AV1";
            case "vp09" -> "VP9";
            case "vp08" -> "VP8";
            case "vvc1" -> "VVC (H.266)";
            default -> MediaRefusals.quotedFourCc(fourCc);
        };
    }
}
