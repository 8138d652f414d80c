package org.webp2p.server.rtmp.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AudioSpecificConfigTest {

    private static AudioSpecificConfig parse(String hex) throws UnsupportedMediaException {
        return AudioSpecificConfig.parse(HexFormat.of().parseHex(hex), 0);
    }

    @Test
    void aacLcAt44100StereoIsReadFromTheTwoBytesEncodersSend() throws Exception {
        AudioSpecificConfig config = parse("1210");

        assertThat(config).isEqualTo(new AudioSpecificConfig(2, 4, 2));
        assertThat(config.sampleRate()).isEqualTo(44100);
    }

    @Test
    void theAdtsHeaderCarriesProfileFrequencyChannelsAndTheFrameLength() throws Exception {
        MediaBytes out = new MediaBytes(16);
        parse("1210").writeAdtsHeader(100, out);

        // 0xFFF1: sync, MPEG-4, no CRC; profile LC-1=1, index 4, 2 channels; length 107; fullness 0x7FF.
        assertThat(HexFormat.of().formatHex(out.toByteArray())).isEqualTo("fff15080" + "0d7ffc");
    }

    @Test
    void explicitHeAacIsCarriedAsItsAacLcCore() throws Exception {
        // AOT 5 (SBR), 24 kHz core, stereo, 48 kHz extension, then AOT 2.
        assertThat(parse("2b1188")).isEqualTo(new AudioSpecificConfig(2, 6, 2));
    }

    @Test
    void anExplicitFrequencyThatIsAStandardOneIsIndexed() throws Exception {
        // AOT 2, index 15, then 44100 in 24 bits, then 2 channels.
        assertThat(parse("1780562210")).isEqualTo(new AudioSpecificConfig(2, 4, 2));
    }

    @Test
    void aacThatAdtsCannotCarryIsRefusedSayingWhatToSet() {
        // AOT 23 (AAC-LD).
        assertThatThrownBy(() -> parse("b810")).isInstanceOf(UnsupportedMediaException.class)
                .hasMessageContaining("AAC of audio object type 23").hasMessageContaining("send AAC-LC")
                .hasMessageContaining("Audio Encoder");
        // Channel configuration 0: the layout would be in a program config element.
        assertThatThrownBy(() -> parse("1200")).isInstanceOf(UnsupportedMediaException.class)
                .hasMessageContaining("channel configuration 0");
        assertThatThrownBy(() -> parse("12")).isInstanceOf(UnsupportedMediaException.class)
                .hasMessageContaining("malformed");
    }

    @Test
    void anExplicitFrequencyOfNoStandardIndexIsRefused() {
        // AOT 2, index 15, then 44000 Hz.
        assertThatThrownBy(() -> parse("178055f010")).isInstanceOf(UnsupportedMediaException.class)
                .hasMessageContaining("AAC at 44000 Hz");
    }

    @Test
    void aFrameTooLongForAdtsIsRefused() throws Exception {
        AudioSpecificConfig config = parse("1210");

        assertThatThrownBy(() -> config.writeAdtsHeader(8185, new MediaBytes(16)))
                .isInstanceOf(UnsupportedMediaException.class);
    }
}
