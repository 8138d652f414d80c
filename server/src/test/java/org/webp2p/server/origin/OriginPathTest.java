package org.webp2p.server.origin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OriginPathTest {

    @Test
    void readsLiveAndVodPaths() {
        assertThat(OriginPath.parse("/live/cam-1/index.m3u8"))
                .contains(new OriginPath(OriginPath.Area.LIVE, "cam-1", "index.m3u8"));
        assertThat(OriginPath.parse("/vod/movies/film/seg_01.ts"))
                .contains(new OriginPath(OriginPath.Area.VOD, "movies", "film/seg_01.ts"));
    }

    @Test
    void refusesEveryWayUpOrOut() {
        assertThat(OriginPath.parse("/live/cam/../../etc/passwd")).isEmpty();
        assertThat(OriginPath.parse("/live/../index.m3u8")).isEmpty();
        assertThat(OriginPath.parse("/vod/movies/../secret.ts")).isEmpty();
        assertThat(OriginPath.parse("/vod/movies/./a.ts")).isEmpty();
        assertThat(OriginPath.parse("/vod/movies//a.ts")).isEmpty();
        assertThat(OriginPath.parse("/vod/movies/.hidden")).isEmpty();
        assertThat(OriginPath.parse("/live/cam/a\\..\\b.ts")).isEmpty();
        assertThat(OriginPath.parse("/live/cam/a\u0000.ts")).isEmpty();
        assertThat(OriginPath.parse("/live/cam/v0/sub/a.ts")).isEmpty();
        assertThat(OriginPath.parse("/live/cam/v.0/a.ts")).isEmpty();
        assertThat(OriginPath.parse("/live/cam/../v0/a.ts")).isEmpty();
    }

    @Test
    void readsARenditionAsAStreamOneLevelDown() {
        OriginPath p = OriginPath.parse("/live/cam/v1/index0.ts").orElseThrow();
        assertThat(p.inRendition()).isTrue();
        assertThat(p.liveStream()).isEqualTo("cam/v1");
        assertThat(p.leaf()).isEqualTo("index0.ts");
        OriginPath top = OriginPath.parse("/live/cam/master.m3u8").orElseThrow();
        assertThat(top.inRendition()).isFalse();
        assertThat(top.liveStream()).isEqualTo("cam");
        assertThat(top.leaf()).isEqualTo("master.m3u8");
    }

    @Test
    void refusesStreamNamesThatCannotBeConfigKeys() {
        assertThat(OriginPath.parse("/live/a.b/index.m3u8")).isEmpty();
    }

    @Test
    void refusesOtherTrees() {
        assertThat(OriginPath.parse("/")).isEmpty();
        assertThat(OriginPath.parse("/live/cam")).isEmpty();
        assertThat(OriginPath.parse("/etc/passwd/x")).isEmpty();
        assertThat(OriginPath.parse("live/cam/index.m3u8")).isEmpty();
    }
}
