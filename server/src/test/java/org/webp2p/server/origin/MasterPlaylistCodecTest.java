package org.webp2p.server.origin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MasterPlaylistCodecTest {

    @Test
    void writesEveryVariantHighestBandwidthFirstWithResolutionAndCodecs() {
        MediaFormat hd = new MediaFormat(Optional.of("avc1.640028"), Optional.of(new MediaFormat.Resolution(1280, 720)),
                Optional.of("mp4a.40.2"));
        MediaFormat audioOnly = new MediaFormat(Optional.empty(), Optional.empty(), Optional.of("mp4a.40.5"));
        String text = MasterPlaylistCodec.write(new MasterPlaylist(List.of(
                new MasterPlaylist.Variant("audio/index.m3u8", 64_000, 60_000, audioOnly),
                new MasterPlaylist.Variant("v0/index.m3u8", 1_600_000, 1_450_000, hd),
                new MasterPlaylist.Variant("fmp4/index.m3u8", 800_000, 700_000, MediaFormat.UNKNOWN))));

        assertThat(text).isEqualTo("""
                #EXTM3U
                #EXT-X-VERSION:3
                #EXT-X-INDEPENDENT-SEGMENTS
                #EXT-X-STREAM-INF:BANDWIDTH=1600000,AVERAGE-BANDWIDTH=1450000,RESOLUTION=1280x720,CODECS="avc1.640028,mp4a.40.2"
                v0/index.m3u8
                #EXT-X-STREAM-INF:BANDWIDTH=800000,AVERAGE-BANDWIDTH=700000
                fmp4/index.m3u8
                #EXT-X-STREAM-INF:BANDWIDTH=64000,AVERAGE-BANDWIDTH=60000,CODECS="mp4a.40.5"
                audio/index.m3u8
                """);
    }

    @Test
    void refusesAVariantWhosePeakIsBelowItsAverageAndAnEmptyList() {
        assertThatThrownBy(() -> new MasterPlaylist.Variant("v0/index.m3u8", 100, 200, MediaFormat.UNKNOWN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("peak");
        assertThatThrownBy(() -> new MasterPlaylist.Variant("#x", 200, 100, MediaFormat.UNKNOWN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MasterPlaylist(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
