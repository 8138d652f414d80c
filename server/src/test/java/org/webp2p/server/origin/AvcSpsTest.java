package org.webp2p.server.origin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Sequence parameter sets as x264 writes them (taken from ffmpeg's output), read back. */
class AvcSpsTest {
    // libx264 -profile:v high, 1920x1080: 68 macroblock rows cropped by 8 lines, scaling lists absent.
    private static final byte[] HIGH_1080P = HexFormat.of().parseHex("67640028acd940780227e5c044000003000400000300c83c60c658");
    // libx264 -profile:v baseline, 320x180: 12 macroblock rows cropped by 12 lines, with emulation prevention bytes.
    private static final byte[] BASELINE_180P = HexFormat.of().parseHex("6742c00cd901419f9f011000000300100000030320f142a480");

    @Test
    void readsHighProfileLevelAndTheCroppedPictureSize() {
        AvcSps sps = AvcSps.parse(HIGH_1080P, 0, HIGH_1080P.length);
        assertThat(sps).isEqualTo(new AvcSps(100, 0, 40, 1920, 1080));
        assertThat(sps.codec()).isEqualTo("avc1.640028");
    }

    @Test
    void readsConstrainedBaselineThroughEmulationPreventionBytes() {
        AvcSps sps = AvcSps.parse(BASELINE_180P, 0, BASELINE_180P.length);
        assertThat(sps).isEqualTo(new AvcSps(66, 0xc0, 12, 320, 180));
        assertThat(sps.codec()).isEqualTo("avc1.42c00c");
    }

    @Test
    void refusesWhatIsNotAWholeSps() {
        assertThatThrownBy(() -> AvcSps.parse(BASELINE_180P, 0, 6)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ends early");
        byte[] pps = {0x68, (byte) 0xce, 0x38, (byte) 0x80};
        assertThatThrownBy(() -> AvcSps.parse(pps, 0, pps.length)).hasMessageContaining("not an SPS");
    }
}
