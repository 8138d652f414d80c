package org.webp2p.sdk.hls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class MasterPlaylistTest {
    private static final URI BASE = URI.create("http://127.0.0.1:8080/live/demo/master.m3u8");

    @Test
    void readsTheVariantsTheOriginWritesLowestBitrateFirstWithTheirRenditionNames() {
        String text = """
                #EXTM3U
                #EXT-X-VERSION:3
                #EXT-X-INDEPENDENT-SEGMENTS
                #EXT-X-STREAM-INF:BANDWIDTH=227856,AVERAGE-BANDWIDTH=200000,RESOLUTION=320x180,CODECS="avc1.42c00c,mp4a.40.2"
                180p/index.m3u8
                #EXT-X-STREAM-INF:BANDWIDTH=101504,AVERAGE-BANDWIDTH=99000,RESOLUTION=160x90,CODECS="avc1.42c00a,mp4a.40.2"
                90p/index.m3u8
                """;
        assertThat(MasterPlaylist.isMaster(text)).isTrue();
        MasterPlaylist m = MasterPlaylist.parse(text, BASE);
        assertThat(m.variants()).extracting(MasterPlaylist.Variant::name).containsExactly("90p", "180p");
        MasterPlaylist.Variant low = m.variants().get(0);
        assertThat(low.uri()).isEqualTo(URI.create("http://127.0.0.1:8080/live/demo/90p/index.m3u8"));
        assertThat(low.bandwidth()).isEqualTo(101_504);
        assertThat(low.averageBandwidth()).isEqualTo(99_000);
        assertThat(low.height()).isEqualTo(90);
        assertThat(low.codecs()).isEqualTo("avc1.42c00a,mp4a.40.2");
    }

    @Test
    void aVariantOutsideASubdirectoryIsNamedByItsPlace() {
        MasterPlaylist m = MasterPlaylist.parse("""
                #EXTM3U
                #EXT-X-STREAM-INF:BANDWIDTH=800000
                low.m3u8
                #EXT-X-STREAM-INF:BANDWIDTH=1600000
                http://cdn.example/high/../x.m3u8
                """, BASE);
        assertThat(m.variants()).extracting(MasterPlaylist.Variant::name).containsExactly("v0", "v1");
    }

    @Test
    void aMediaPlaylistIsNotAMasterOneAndABadMasterIsRefusedWithTheLine() {
        assertThat(MasterPlaylist.isMaster("#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\na.ts\n")).isFalse();
        assertThatThrownBy(() -> MasterPlaylist.parse("#EXTM3U\n#EXT-X-STREAM-INF:RESOLUTION=1x1\na/i.m3u8\n", BASE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 3");
        assertThatThrownBy(() -> MasterPlaylist.parse("#EXTM3U\n", BASE)).hasMessageContaining("at least one variant");
        assertThatThrownBy(() -> MasterPlaylist.parse("hello", BASE)).hasMessageContaining("#EXTM3U");
    }
}
