package org.webp2p.server.rtmp.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FlvTagTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    private static byte[] enhanced(int first, String fourCc, String rest) {
        return hex(String.format("%02x", first) + HexFormat.of().formatHex(fourCc.getBytes(StandardCharsets.ISO_8859_1))
                + rest);
    }

    @Test
    void legacyAvcTagsGiveTheirKindKeyFrameFlagAndSignedCompositionTime() throws Exception {
        assertThat(FlvVideoTag.parse(hex("1700000000"))).isEqualTo(new FlvVideoTag(FlvVideoTag.Type.SEQUENCE_HEADER,
                false, 0, 5));
        assertThat(FlvVideoTag.parse(hex("1701000050"))).isEqualTo(new FlvVideoTag(FlvVideoTag.Type.FRAME, true, 80, 5));
        assertThat(FlvVideoTag.parse(hex("2701ffffd8"))).isEqualTo(new FlvVideoTag(FlvVideoTag.Type.FRAME, false, -40, 5));
        assertThat(FlvVideoTag.parse(hex("1702000000")).type()).isEqualTo(FlvVideoTag.Type.NONE);
        assertThat(FlvVideoTag.parse(hex("5700")).type()).as("command frame").isEqualTo(FlvVideoTag.Type.NONE);
        assertThat(FlvVideoTag.parse(new byte[0]).type()).isEqualTo(FlvVideoTag.Type.NONE);
    }

    @Test
    void enhancedRtmpAvcIsTakenWithAndWithoutCompositionTime() throws Exception {
        assertThat(FlvVideoTag.parse(enhanced(0x90, "avc1", ""))).isEqualTo(new FlvVideoTag(
                FlvVideoTag.Type.SEQUENCE_HEADER, false, 0, 5));
        assertThat(FlvVideoTag.parse(enhanced(0x91, "avc1", "000028"))).isEqualTo(new FlvVideoTag(
                FlvVideoTag.Type.FRAME, true, 40, 8));
        assertThat(FlvVideoTag.parse(enhanced(0xa3, "avc1", ""))).isEqualTo(new FlvVideoTag(
                FlvVideoTag.Type.FRAME, false, 0, 5));
    }

    @Test
    void aacTagsGiveTheirKind() throws Exception {
        assertThat(FlvAudioTag.parse(hex("af001210"))).isEqualTo(new FlvAudioTag(FlvAudioTag.Type.SEQUENCE_HEADER, 2));
        assertThat(FlvAudioTag.parse(hex("af01aa"))).isEqualTo(new FlvAudioTag(FlvAudioTag.Type.FRAME, 2));
        assertThat(FlvAudioTag.parse(enhanced(0x90, "mp4a", "1210"))).isEqualTo(new FlvAudioTag(
                FlvAudioTag.Type.SEQUENCE_HEADER, 5));
        assertThat(FlvAudioTag.parse(enhanced(0x91, "mp4a", "aa"))).isEqualTo(new FlvAudioTag(FlvAudioTag.Type.FRAME, 5));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "HEVC by Enhanced RTMP | 90 | hvc1 | HEVC (H.265) video",
        "AV1 by Enhanced RTMP  | 90 | av01 | AV1 video",
        "VP9 by Enhanced RTMP  | 91 | vp09 | VP9 video",
    })
    void videoCodecsOtherThanH264AreRefusedNamingTheOneToSet(String name, String first, String fourCc, String says) {
        assertThatThrownBy(() -> FlvVideoTag.parse(enhanced(Integer.parseInt(first, 16), fourCc, "00000000")))
                .isInstanceOf(UnsupportedMediaException.class)
                .hasMessageContaining("the encoder sends " + says)
                .hasMessageContaining("set the video encoder to H.264 (OBS: Settings > Output > Video Encoder");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "HEVC by codec id 12 | 1c00000000 | HEVC (H.265) video",
        "On2 VP6             | 1400       | On2 VP6 video",
        "Sorenson H.263      | 1200       | Sorenson H.263 video",
    })
    void legacyVideoCodecsOtherThanH264AreRefused(String name, String body, String says) {
        assertThatThrownBy(() -> FlvVideoTag.parse(hex(body))).isInstanceOf(UnsupportedMediaException.class)
                .hasMessageContaining("the encoder sends " + says).hasMessageContaining("H.264");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "MP3        | 2f00     | MP3 audio",
        "Speex      | b600     | Speex audio",
        "Nellymoser | 6e00     | Nellymoser audio",
        "PCM        | 3e00     | linear PCM audio",
    })
    void legacyAudioFormatsOtherThanAacAreRefused(String name, String body, String says) {
        assertThatThrownBy(() -> FlvAudioTag.parse(hex(body))).isInstanceOf(UnsupportedMediaException.class)
                .hasMessageContaining("the encoder sends " + says)
                .hasMessageContaining("set the audio encoder to AAC (OBS: Settings > Output > Audio Encoder)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Opus | Opus | Opus audio",
        "MP3  | .mp3 | MP3 audio",
        "FLAC | fLaC | FLAC audio",
        "junk | \u00ffabc | '?abc' audio",
    })
    void enhancedRtmpAudioOtherThanAacIsRefused(String name, String fourCc, String says) {
        assertThatThrownBy(() -> FlvAudioTag.parse(enhanced(0x90, fourCc, "00"))).isInstanceOf(UnsupportedMediaException.class)
                .hasMessageContaining("the encoder sends " + says).hasMessageContaining("AAC");
    }

    @Test
    void multitrackIsRefusedSayingToSendOneTrack() {
        assertThatThrownBy(() -> FlvVideoTag.parse(hex("9600"))).isInstanceOf(UnsupportedMediaException.class)
                .hasMessageContaining("multitrack");
        assertThatThrownBy(() -> FlvAudioTag.parse(hex("9500"))).isInstanceOf(UnsupportedMediaException.class)
                .hasMessageContaining("multitrack");
    }

    @Test
    void truncatedTagsAreRefusedAsMalformed() {
        assertThatThrownBy(() -> FlvVideoTag.parse(hex("1701"))).isInstanceOf(UnsupportedMediaException.class)
                .hasMessageContaining("malformed");
        assertThatThrownBy(() -> FlvAudioTag.parse(hex("af"))).isInstanceOf(UnsupportedMediaException.class)
                .hasMessageContaining("malformed");
        assertThatThrownBy(() -> FlvVideoTag.parse(enhanced(0x91, "avc1", "00"))).isInstanceOf(
                UnsupportedMediaException.class).hasMessageContaining("malformed");
    }
}
