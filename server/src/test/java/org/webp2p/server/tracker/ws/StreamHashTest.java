package org.webp2p.server.tracker.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Vectors seen on the wire from p2p-media-loader 2.3.1 in Chromium, and its own test's example. */
class StreamHashTest {
    private static final String BARE = """
            #EXTM3U
            #EXT-X-TARGETDURATION:2
            #EXT-X-MEDIA-SEQUENCE:7
            #EXTINF:2.000000,
            demo7.ts
            """;

    @Test
    void aBareMediaPlaylistIsOneMainStreamNamedByNothingButItsSwarmId() {
        assertThat(StreamHash.of("demo", BARE)).singleElement().satisfies(h -> {
            assertThat(h.infoHash()).isEqualTo("/OhCf44068LyQuGuhQ4O");
            assertThat(h.identity()).isEqualTo("0--------");
            assertThat(h.type()).isEqualTo("main");
            assertThat(h.rendition()).as("a stream without renditions").isNull();
        });
    }

    @Test
    void eachVariantOfAMasterPlaylistIsNamedByItsBandwidthCodecsAndSize() {
        String master = """
                #EXTM3U
                #EXT-X-STREAM-INF:BANDWIDTH=950400,RESOLUTION=640x360,CODECS="avc1.64001e,mp4a.40.2"
                360p/index.m3u8
                #EXT-X-STREAM-INF:AVERAGE-BANDWIDTH=1800000,BANDWIDTH=2000000,RESOLUTION=1280x720,\
                CODECS="avc1.100.31,mp4a.40.2",FRAME-RATE=30.000
                # a comment between the tag and its URI
                720p/index.m3u8
                """;
        List<StreamHash> hashes = StreamHash.of("demo", master);

        assertThat(hashes).extracting(StreamHash::identity)
                .containsExactly("950400-avc1.64001e-640-360-----", "2000000-avc1.64001f-1280-720----30-");
        assertThat(hashes.get(0).infoHash()).isEqualTo("XwbgUrB9JXzdp6/vvQNd");
    }

    @Test
    void eachVariantIsTheRenditionItsDirectoryNamesAsSdkClientsAndBeaconsNameIt() {
        String master = """
                #EXTM3U
                #EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aac",NAME="English",LANGUAGE="eng",URI="audio/en.m3u8"
                #EXT-X-STREAM-INF:BANDWIDTH=227856,RESOLUTION=320x180,CODECS="avc1.42c00c",AUDIO="aac"
                180p/index.m3u8
                #EXT-X-STREAM-INF:BANDWIDTH=90000,RESOLUTION=160x90,CODECS="avc1.42c00c",AUDIO="aac"
                90p/index.m3u8
                #EXT-X-STREAM-INF:BANDWIDTH=50000,CODECS="avc1.42c00c",AUDIO="aac"
                low.m3u8
                #EXT-X-STREAM-INF:BANDWIDTH=40000,CODECS="avc1.42c00c",AUDIO="aac"
                https://cdn.example/live/40k/index.m3u8
                """;
        assertThat(StreamHash.of("live", master)).extracting(StreamHash::type, StreamHash::rendition).containsExactly(
                tuple("main", "180p"), tuple("main", "90p"), tuple("main", null), tuple("main", null),
                tuple("secondary", null));
    }

    @Test
    void shortIdsMatchP2pMediaLoadersOwnExample() {
        StreamProps p = new StreamProps("2000000", "avc1.64001f", 1280, 720, null, null, null, null, null);
        assertThat(PmlSwarmIds.identity(p)).isEqualTo("2000000-avc1.64001f-1280-720-----");
        assertThat(PmlSwarmIds.shortId(p)).isEqualTo("i7kXQmYY+J5iioUnhJHkyU1/A+I=");
    }

    @Test
    void audioRenditionsAreSecondaryStreamsWithTheirGroupsCodec() {
        String master = """
                #EXTM3U
                #EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aac",NAME="English",LANGUAGE="eng",CHANNELS="2",URI="en.m3u8"
                #EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aac",LANGUAGE="und",URI="x.m3u8"
                #EXT-X-STREAM-INF:BANDWIDTH=500000,CODECS="avc1.42e01e,mp4a.40.2",AUDIO="aac"
                v.m3u8
                """;
        assertThat(StreamHash.of("live", master)).extracting(StreamHash::type, StreamHash::identity).containsExactly(
                tuple("main", "500000-avc1.42e01e-------"),
                tuple("secondary", "0-mp4a.40.2---en-2-english--"),
                tuple("secondary", "0-mp4a.40.2-----und--"));
    }

    @Test
    void knownStreamsFindTheStreamOfAHash() {
        KnownStreams known = KnownStreams.of(Map.of("demo", BARE, "news", BARE));
        assertThat(known.find("/OhCf44068LyQuGuhQ4O").orElseThrow().stream()).isEqualTo("demo");
        assertThat(known.contains("notAStreamOfOurs1234")).isFalse();
        assertThat(known.all()).hasSize(2);
    }
}
