package org.webp2p.server.rtmp.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AnnexBTest {
    private static final String SPS = "6764000aac";
    private static final String PPS = "68ee3c80";
    // AVCDecoderConfigurationRecord: version 1, profile 100, level 10, 4-byte lengths, one SPS, one PPS.
    private static final String RECORD = "0164000aff" + "e1" + "0005" + SPS + "01" + "0004" + PPS;
    private static final String AUD = "0000000109f0";
    private static final String IDR = "65888400";
    private static final String SEI = "0605ff";
    private static final String SLICE = "419a2e";

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    private static String convert(AvcDecoderConfiguration config, String avcc, boolean parameterSets) throws Exception {
        MediaBytes out = new MediaBytes(256);
        AnnexB.write(hex(avcc), 0, config, parameterSets, out);
        return HexFormat.of().formatHex(out.toByteArray());
    }

    @Test
    void sequenceHeaderGivesTheNalLengthSizeAndTheParameterSetsWithStartCodes() throws Exception {
        AvcDecoderConfiguration config = AvcDecoderConfiguration.parse(hex(RECORD), 0);

        assertThat(config.nalLengthSize()).isEqualTo(4);
        MediaBytes sets = new MediaBytes(64);
        config.writeParameterSets(sets);
        assertThat(HexFormat.of().formatHex(sets.toByteArray())).isEqualTo("00000001" + SPS + "00000001" + PPS);
    }

    @Test
    void anIdrFrameGetsADelimiterThenSpsAndPpsThenItsNalUnitsWithStartCodes() throws Exception {
        AvcDecoderConfiguration config = AvcDecoderConfiguration.parse(hex(RECORD), 0);
        String frame = "00000003" + SEI + "00000004" + IDR;

        assertThat(AnnexB.scan(hex(frame), 0, 4)).isEqualTo(new AnnexB.Scan(true, false));
        assertThat(convert(config, frame, true)).isEqualTo(AUD + "00000001" + SPS + "00000001" + PPS
                + "00000001" + SEI + "00000001" + IDR);
    }

    @Test
    void anInterFrameGetsOnlyTheDelimiterAndTheEncodersOwnDelimiterIsDropped() throws Exception {
        AvcDecoderConfiguration config = AvcDecoderConfiguration.parse(hex(RECORD), 0);
        String frame = "00000002" + "09f0" + "00000003" + SLICE;

        assertThat(AnnexB.scan(hex(frame), 0, 4)).isEqualTo(new AnnexB.Scan(false, false));
        assertThat(convert(config, frame, false)).isEqualTo(AUD + "00000001" + SLICE);
    }

    @Test
    void aFrameThatCarriesItsOwnSpsIsSeenAsSuch() throws Exception {
        String frame = "00000005" + SPS + "00000004" + PPS + "00000004" + IDR;

        assertThat(AnnexB.scan(hex(frame), 0, 4)).isEqualTo(new AnnexB.Scan(true, true));
    }

    @Test
    void twoByteNalLengthsAreReadAsTheRecordSays() throws Exception {
        AvcDecoderConfiguration config = AvcDecoderConfiguration.parse(hex("0164000afd" + RECORD.substring(10)), 0);

        assertThat(config.nalLengthSize()).isEqualTo(2);
        assertThat(convert(config, "0004" + IDR, true)).endsWith("00000001" + IDR);
    }

    @Test
    void aNalUnitLongerThanTheTagIsRefusedAsMalformed() throws Exception {
        AvcDecoderConfiguration config = AvcDecoderConfiguration.parse(hex(RECORD), 0);

        assertThatThrownBy(() -> convert(config, "00000009" + IDR, false))
                .isInstanceOf(UnsupportedMediaException.class).hasMessageContaining("malformed H.264 frame");
        assertThatThrownBy(() -> AnnexB.scan(hex("000000" + IDR), 4, 4))
                .isInstanceOf(UnsupportedMediaException.class);
    }

    @Test
    void aSequenceHeaderWithoutAPpsOrWithAThreeByteLengthIsRefused() {
        assertThatThrownBy(() -> AvcDecoderConfiguration.parse(hex("0164000aff" + "e1" + "0005" + SPS + "00"), 0))
                .isInstanceOf(UnsupportedMediaException.class).hasMessageContaining("0 PPS");
        assertThatThrownBy(() -> AvcDecoderConfiguration.parse(hex("0164000afe" + RECORD.substring(10)), 0))
                .isInstanceOf(UnsupportedMediaException.class).hasMessageContaining("3 bytes");
        assertThatThrownBy(() -> AvcDecoderConfiguration.parse(hex("0164000aff" + "e1" + "0009" + SPS), 0))
                .isInstanceOf(UnsupportedMediaException.class).hasMessageContaining("malformed");
    }
}
