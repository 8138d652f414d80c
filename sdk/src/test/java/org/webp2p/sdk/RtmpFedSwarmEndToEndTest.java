package org.webp2p.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webp2p.protocol.admin.StreamStats;
import org.webp2p.server.HostTools;
import org.webp2p.server.TestNode;
import org.webp2p.server.origin.OriginService;
import org.webp2p.server.pingback.PingbackService;
import org.webp2p.server.rtmp.RtmpService;
import org.webp2p.server.rtmp.media.FlvFile;

/**
 * OBS in, P2P out, end to end: real ffmpeg publishes a clip over RTMP as an encoder does a live
 * source ({@code -re -c copy -f flv}), and three real clients play the stream the origin cuts from it
 * through the node's API, tracker and rendezvous, taking its segments from each other. In CI a
 * missing ffmpeg fails the build; only on a developer's machine may it skip.
 */
class RtmpFedSwarmEndToEndTest {
    private static final String KEY = "rtmp-swarm-publish-key";
    private static final String STREAM = "obs";
    private static final int CLIP_SECONDS = 30;
    private static final Pattern SEGMENT = Pattern.compile("^#EXTINF:", Pattern.MULTILINE);
    private static Path clip;

    private final List<WebP2pPlayerSource> peers = new ArrayList<>();
    private TestNode node;
    private EventLoopGroup group;
    private Process ffmpeg;

    @BeforeAll
    static void makeClip(@TempDir Path dir) throws Exception {
        HostTools.require("the RTMP swarm end-to-end test",
                HostTools.runs("ffmpeg", "-version") ? List.of() : List.of("ffmpeg (apt-get install -y ffmpeg)"));
        clip = FlvFile.make(dir, CLIP_SECONDS, List.of());
    }

    @BeforeEach
    void start() throws Exception {
        node = TestNode.open(Map.of("origin.publish-key", KEY, "api.open-streams", STREAM, "pingback.interval", "1s"));
        node.runtime().services().startAll();
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    }

    @AfterEach
    void stop() throws Exception {
        peers.forEach(WebP2pPlayerSource::close);
        if (ffmpeg != null) {
            ffmpeg.destroyForcibly();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        node.close();
    }

    private WebP2pPlayerSource peer(int n) {
        URI api = URI.create("http://127.0.0.1:" + node.address("api").getPort());
        WebP2pPlayerSource s = WebP2pPlayerSource.builder().api(api).stream(STREAM).eventLoops(group)
                .localAddress(new InetSocketAddress("127.3.16." + n, 0)).build();
        peers.add(s);
        return s;
    }

    private int listedSegments() throws Exception {
        URI playlist = URI.create("http://127.0.0.1:" + node.address(OriginService.NAME).getPort() + "/live/" + STREAM
                + "/index.m3u8");
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(playlist).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? (int) SEGMENT.matcher(r.body()).results().count() : 0;
    }

    @Test
    void threePeersPlayWhatFfmpegPublishesOverRtmpInOrderWithoutStallingAndShareItsSegments() throws Exception {
        String url = "rtmp://127.0.0.1:" + node.address(RtmpService.NAME).getPort() + "/live/" + STREAM + "?key=" + KEY;
        ffmpeg = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-re", "-i", clip.toString(),
                "-c", "copy", "-f", "flv", url).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        // Viewers arrive at a broadcast under way: the clients join three segments behind the live edge.
        await().atMost(Duration.ofSeconds(30)).until(() -> listedSegments() >= 4);
        for (int n = 1; n <= 3; n++) {
            peer(n).start().get(10, TimeUnit.SECONDS);
        }

        // A virtual player plays segment after segment and stalls when the next is missing: 12 s played
        // without a stall is six segments in order, while the stream is still live.
        await().atMost(Duration.ofSeconds(40)).until(() -> peers.stream().allMatch(p -> p.stats().playedMs() >= 12_000));

        assertThat(ffmpeg.isAlive()).as("still publishing: the peers played a live stream").isTrue();
        assertThat(peers).allSatisfy(p -> {
            assertThat(p.stats().startupMs()).as("started").isNotNegative();
            assertThat(p.stats().stalls()).isZero();
        });
        // Peers announce only once their NAT is classified, so on a loaded build their first links can
        // come after the 12 s: they must still come, while the stream is in the window.
        await("bytes from peers").atMost(Duration.ofSeconds(20))
                .until(() -> peers.stream().mapToLong(WebP2pPlayerSource::p2pBytes).sum() > 0);
        assertThat(peers.stream().mapToLong(WebP2pPlayerSource::httpBytes).sum()).as("bytes from the origin").isPositive();
        StreamStats stats = node.runtime().services().service(OriginService.NAME, OriginService.class).streams().stream()
                .filter(s -> s.name().equals(STREAM)).findFirst().orElseThrow();
        assertThat(stats.ingest()).contains(StreamStats.Ingest.RTMP);
        PingbackService pingback = node.runtime().services().service(PingbackService.NAME, PingbackService.class);
        // Beacons go every second (pingback.interval); the latest may still be on its way.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(pingback.figures(STREAM)).hasValueSatisfying(f -> {
            assertThat(f.sessions()).isEqualTo(3);
            assertThat(f.p2pBytes()).isPositive();
            assertThat(f.stalls()).isZero();
        }));
    }
}
