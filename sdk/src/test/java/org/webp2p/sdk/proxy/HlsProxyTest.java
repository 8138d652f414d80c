package org.webp2p.sdk.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webp2p.sdk.WebP2pPlayerSource;
import org.webp2p.sdk.fetch.FallbackReason;
import org.webp2p.sdk.fetch.SegmentScheduler;
import org.webp2p.sdk.hls.MediaPlaylist;
import org.webp2p.sdk.http.HttpFetcher;
import org.webp2p.sdk.http.HttpResult;
import org.webp2p.server.TestNode;

/** A player's view of the proxy: real HTTP to a source playing a real node's demo stream. */
class HlsProxyTest {
    private static final String RENDITION = "180p";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private TestNode node;
    private EventLoopGroup group;
    private WebP2pPlayerSource source;
    private HlsProxy proxy;
    private HttpFetcher http;

    @BeforeEach
    void start() throws Exception {
        node = TestNode.open(Map.of("api.open", "true"));
        node.runtime().services().startAll();
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        URI api = URI.create("http://127.0.0.1:" + node.address("api").getPort());
        // One rendition throughout, so the origin's bytes to compare with are those of one playlist.
        source = WebP2pPlayerSource.builder().api(api).stream("demo").rendition(RENDITION).eventLoops(group)
                .followPlayerRequests().build();
        source.start().get();
        proxy = HlsProxy.open(source, group, 0);
        http = new HttpFetcher(group, null);
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
        proxy.close();
        source.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        node.close();
    }

    @Test
    void listsOnlyItselfAndServesEverySegmentWithTheOriginsBytes() throws Exception {
        HttpResult index = http.get(proxy.playlistUri(), WAIT).get();
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.contentType()).isEqualTo("application/vnd.apple.mpegurl");
        MediaPlaylist viaProxy = MediaPlaylist.parse(index.text(), proxy.playlistUri());
        assertThat(viaProxy.segments()).isNotEmpty();
        assertThat(viaProxy.segments()).allSatisfy(s -> {
            assertThat(s.uri().getPort()).isEqualTo(proxy.address().getPort());
            assertThat(s.uri().getPath()).matches("/seg/" + s.sequence() + "\\.[a-z0-9]+");
        });

        MediaPlaylist origin = MediaPlaylist.parse(http.get(originPlaylist(), WAIT).get().text(), originPlaylist());
        Map<Long, URI> originUris = new HashMap<>();
        origin.segments().forEach(s -> originUris.put(s.sequence(), s.uri()));
        int compared = 0;
        for (MediaPlaylist.Segment s : viaProxy.segments()) {
            HttpResult proxied = http.get(s.uri(), WAIT).get();
            assertThat(proxied.status()).as("segment %d through the proxy", s.sequence()).isEqualTo(200);
            URI direct = originUris.get(s.sequence());
            if (direct != null) {
                assertThat(proxied.body()).as("segment %d", s.sequence()).isEqualTo(http.get(direct, WAIT).get().body());
                compared++;
            }
        }
        assertThat(compared).as("segments listed by both").isPositive();
        if (viaProxy.initSegment() != null) {
            URI direct = origin.initSegment();
            assertThat(http.get(viaProxy.initSegment(), WAIT).get().body()).isEqualTo(http.get(direct, WAIT).get().body());
        }
    }

    @Test
    void aSegmentNobodyFetchesComesStraightFromTheOriginOnceTheUrgentWindowIsUp() throws Exception {
        URI api = URI.create("http://127.0.0.1:" + node.address("api").getPort());
        // A virtual player joins near the live edge and never fetches the playlist's oldest segment.
        try (WebP2pPlayerSource virtual = WebP2pPlayerSource.builder().api(api).stream("demo").rendition(RENDITION)
                .eventLoops(group).build();
             HlsProxy behind = HlsProxy.open(virtual, group, 0)) {
            virtual.start().get();
            MediaPlaylist listed = MediaPlaylist.parse(http.get(behind.playlistUri(), WAIT).get().text(),
                    behind.playlistUri());
            MediaPlaylist origin = MediaPlaylist.parse(http.get(originPlaylist(), WAIT).get().text(), originPlaylist());
            assertThat(listed.segments()).as("live window longer than the join offset").hasSizeGreaterThan(3);
            // The oldest both lists share (the proxy's list may be a poll older than the origin's, whose
            // window may have moved on by a segment): behind where the player joined, three from the end.
            MediaPlaylist.Segment oldest = listed.segments().subList(0, 2).stream()
                    .filter(l -> origin.segments().stream().anyMatch(o -> o.sequence() == l.sequence()))
                    .findFirst().orElseThrow();
            URI direct = origin.segments().stream().filter(s -> s.sequence() == oldest.sequence()).findFirst()
                    .orElseThrow().uri();

            long asked = System.nanoTime();
            HttpResult proxied = http.get(oldest.uri(), Duration.ofSeconds(15)).get();
            long waitedMs = (System.nanoTime() - asked) / 1_000_000;

            assertThat(proxied.status()).isEqualTo(200);
            assertThat(proxied.body()).isEqualTo(http.get(direct, WAIT).get().body());
            // The urgent window is learned from this viewer's HTTP fetches (1 s on loopback, 4 s before any).
            assertThat(waitedMs).as("waited the urgent window, then went to the origin").isBetween(900L, 8_000L);
            assertThat(virtual.diagnostics().fallbacks()).as("reported like any other fallback")
                    .contains(new SegmentScheduler.Fallback(oldest.sequence(), FallbackReason.URGENT));
        }
    }

    /** The media playlist of the rendition played, beside the demo's master playlist the plan names. */
    private URI originPlaylist() {
        return URI.create(source.plan().orElseThrow().playlistUrls().get(0)).resolve(RENDITION + "/index.m3u8");
    }

    @Test
    void answersWhatIsNotAPlayersRequestWithAReason() throws Exception {
        URI base = proxy.playlistUri();
        assertThat(http.get(base.resolve("/elsewhere.m3u8"), WAIT).get().status()).isEqualTo(404);
        assertThat(http.get(base.resolve("/seg/x.ts"), WAIT).get().status()).isEqualTo(404);
        HttpResult notListed = http.get(base.resolve("/seg/999999999.ts"), WAIT).get();
        assertThat(notListed.status()).isEqualTo(404);
        assertThat(notListed.text()).contains("not in the playlist");
        HttpResult post = http.postJson(base, "{}".getBytes(StandardCharsets.UTF_8), WAIT).get();
        assertThat(post.status()).isEqualTo(405);
        assertThat(http.get(base, WAIT).get().status()).as("still serving after bad requests").isEqualTo(200);
        assertThat(proxy.failures()).containsEntry(ProxyFailure.UNKNOWN_PATH, 2L)
                .containsEntry(ProxyFailure.NOT_LISTED, 1L).containsEntry(ProxyFailure.METHOD_NOT_ALLOWED, 1L)
                .containsEntry(ProxyFailure.ORIGIN_FAILED, 0L);
    }

    @Test
    void ffprobeReadsTheStreamThroughTheProxy() throws Exception {
        boolean installed = onPath("ffprobe");
        if ("true".equals(System.getenv("CI"))) {
            assertThat(installed).as("ffprobe must be installed in CI").isTrue();
        }
        assumeThat(installed).as("ffprobe installed").isTrue();
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries", "stream=codec_name",
                "-of", "default=noprint_wrappers=1", proxy.playlistUri().toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("ffprobe finished").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).as("the demo clip is H.264/AAC").contains("codec_name=h264").contains("codec_name=aac");
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (new File(dir, tool).canExecute()) {
                return true;
            }
        }
        return false;
    }
}
