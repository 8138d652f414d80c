package org.webp2p.server.origin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DigestAnnotatorTest {
    private static final SegmentDigest A = new SegmentDigest(4, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    private static final SegmentDigest B = new SegmentDigest(3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

    @Test
    void putsEachDigestBeforeItsSegmentsExtinfAndChangesNothingElse() {
        String vod = "#EXTM3U\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-TARGETDURATION:6\n#EXTINF:6.0,\n#EXT-X-BITRATE:800\n"
                + "a.ts\n#EXTINF:6.0,\nsub/b.ts?v=2\n#EXT-X-ENDLIST\n";
        DigestAnnotator.Annotated a = DigestAnnotator.annotate(vod,
                uri -> Optional.ofNullable(Map.of("a.ts", A, "sub/b.ts?v=2", B).get(uri)));

        assertThat(a.text()).isEqualTo("#EXTM3U\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-TARGETDURATION:6\n"
                + "#EXT-X-WEBP2P-DIGEST:BYTES=4,SHA256=\"" + A.sha256() + "\"\n#EXTINF:6.0,\n#EXT-X-BITRATE:800\na.ts\n"
                + "#EXT-X-WEBP2P-DIGEST:BYTES=3,SHA256=\"" + B.sha256() + "\"\n#EXTINF:6.0,\nsub/b.ts?v=2\n"
                + "#EXT-X-ENDLIST\n");
        assertThat(a.complete()).isTrue();
    }

    @Test
    void saysWhenADigestIsMissingAndNeverPassesOnOnesItDidNotMake() {
        String vod = "#EXTM3U\r\n#EXT-X-WEBP2P-DIGEST:BYTES=1,SHA256=\"" + A.sha256() + "\"\r\n#EXTINF:6.0,\r\na.ts\r\n";

        DigestAnnotator.Annotated a = DigestAnnotator.annotate(vod, uri -> Optional.empty());

        assertThat(a.text()).isEqualTo("#EXTM3U\n#EXTINF:6.0,\na.ts\n");
        assertThat(a.complete()).isFalse();
    }

    @Test
    void leavesAMasterPlaylistAlone() {
        String master = "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=800000\nlow/index.m3u8\n";

        DigestAnnotator.Annotated a = DigestAnnotator.annotate(master, uri -> Optional.of(A));

        assertThat(a.text()).isEqualTo(master);
        assertThat(a.complete()).isTrue();
    }
}
