package org.webp2p.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webp2p.nat.NatType;
import org.webp2p.protocol.admin.PeerRecord;
import org.webp2p.protocol.admin.SwarmFigures;
import org.webp2p.protocol.api.SessionPlan;
import org.webp2p.sdk.diagnostics.ConnectivityReport;
import org.webp2p.sdk.diagnostics.DiagnosticsListener;
import org.webp2p.sdk.fetch.FallbackReason;
import org.webp2p.sdk.fetch.SegmentScheduler;
import org.webp2p.sdk.hls.MediaPlaylist;
import org.webp2p.server.TestNode;
import org.webp2p.server.pingback.PingbackService;
import org.webp2p.server.tracker.TrackerService;

/** A real client against a real node: session, live demo stream, tracker and beacons. */
class WebP2pPlayerSourceTest {
    private TestNode node;
    private EventLoopGroup group;

    @BeforeEach
    void start() throws Exception {
        node = TestNode.open(Map.of("api.open", "true", "pingback.interval", "1s"));
        node.runtime().services().startAll();
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterEach
    void stop() throws Exception {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        node.close();
    }

    @Test
    void playsTheDemoStreamWithoutStallingAndReportsItself() throws Exception {
        URI api = URI.create("http://127.0.0.1:" + node.address("api").getPort());
        try (WebP2pPlayerSource source = source(api).build()) {
            SessionPlan plan = source.start().get();
            assertThat(plan.p2p().enabled()).as("alone in the swarm").isFalse();

            // Playing is real time against a real node: wait for 4 s of it, not a fixed 9 s.
            await().atMost(Duration.ofSeconds(20)).until(() -> source.stats().playedMs() > 4000);
            var stats = source.stats();
            assertThat(stats.startupMs()).isBetween(0L, 4000L);
            assertThat(stats.stalls()).isZero();
            assertThat(stats.playedMs()).isGreaterThan(4000);
            assertThat(source.httpBytes()).isGreaterThan(10_000);
            assertThat(source.fallbacks()).extracting(f -> f.reason()).containsOnly(FallbackReason.P2P_OFF);

            TrackerService tracker = node.runtime().services().service("tracker", TrackerService.class);
            // The first announce waits for the NAT's classification (up to 4 s), which playing does not. A
            // rendition switch leaves one swarm before it joins the other, so one look may find none.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(tracker.peersOfStream("demo"))
                    .extracting(PeerRecord::peerId).containsExactly(source.peerId()));
            PingbackService pingback = node.runtime().services().service("pingback", PingbackService.class);
            // Beacons go every second (pingback.interval); the first may still be on its way.
            await().atMost(Duration.ofSeconds(5)).until(() -> pingback.figures("demo")
                    .filter(f -> f.httpBytes() > 0).isPresent());
            var figures = pingback.figures("demo").orElseThrow();
            assertThat(figures.sessions()).isEqualTo(1);
            assertThat(figures.httpBytes()).isGreaterThan(0);
            assertThat(figures.startupP50Ms()).isEqualTo(stats.startupMs());
        }
        TrackerService tracker = node.runtime().services().service("tracker", TrackerService.class);
        assertThat(tracker.peersOfStream("demo")).as("left the swarm on close").isEmpty();
    }

    @Test
    void measuresHowFarBehindLiveItPlaysAndPingbackShowsIt() throws Exception {
        URI api = URI.create("http://127.0.0.1:" + node.address("api").getPort());
        try (WebP2pPlayerSource source = source(api).build()) {
            source.start().get();
            PingbackService pingback = node.runtime().services().service("pingback", PingbackService.class);
            // The first beacons come before the first frame and tell no latency.
            await().atMost(Duration.ofSeconds(20)).until(() -> pingback.figures("demo")
                    .filter(f -> f.latencyP95Ms() >= 0).isPresent());
            var figures = pingback.figures("demo").orElseThrow();
            long target = source.playlist().get().targetDurationMs();
            // It joined two segments behind the live edge, whose newest segment is up to one old:
            // between one and a handful of segments behind the origin's dates, not zero, not minutes.
            assertThat(figures.latencyP50Ms()).isBetween(target, 6 * target);
            assertThat(figures.latencyP95Ms()).isBetween(figures.latencyP50Ms(), 6 * target);
        }
    }

    @Test
    void itsBeaconsNameTheRenditionItPlaysAndPingbackCountsItsBytesForThatRenditionAndItsStream() throws Exception {
        URI api = URI.create("http://127.0.0.1:" + node.address("api").getPort());
        try (WebP2pPlayerSource source = source(api).rendition("90p").build()) {
            source.start().get();
            PingbackService pingback = node.runtime().services().service("pingback", PingbackService.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> pingback.renditions().stream()
                    .anyMatch(f -> f.swarm().equals("demo/90p") && f.httpBytes() > 0));
            assertThat(source.rendition()).contains("90p");
            assertThat(pingback.renditions()).extracting(SwarmFigures::swarm).containsExactly("demo/90p");
            assertThat(pingback.sessions()).singleElement().satisfies(h -> {
                assertThat(h.swarm()).isEqualTo("demo");
                assertThat(h.rendition()).isEqualTo("90p");
            });
            SwarmFigures low = pingback.renditions().get(0);
            assertThat(low.peers()).isEqualTo(1);
            assertThat(pingback.figures("demo").orElseThrow().httpBytes()).as("the stream's totals hold it too")
                    .isGreaterThanOrEqualTo(low.httpBytes());
        }
    }

    @Test
    void classifiesItsNatAgainstTheNodesStunServiceAndAnnouncesIt() throws Exception {
        URI api = URI.create("http://127.0.0.1:" + node.address("api").getPort());
        try (WebP2pPlayerSource source = source(api).build()) {
            assertThat(source.start().get().stun()).isNotEmpty();

            TrackerService tracker = node.runtime().services().service("tracker", TrackerService.class);
            await().atMost(Duration.ofSeconds(8)).until(() -> source.natType() == NatType.OPEN
                    && tracker.peersOfStream("demo").stream().anyMatch(p -> p.natType() == NatType.OPEN));
            assertThat(source.natType()).as("loopback has no NAT").isEqualTo(NatType.OPEN);
        }
    }

    @Test
    void theTrackerHearsOfTheClientOnlyOnceItsNatIsClassifiedAndWithItsLocalAddresses() throws Exception {
        URI api = URI.create("http://127.0.0.1:" + node.address("api").getPort());
        TrackerService tracker = node.runtime().services().service("tracker", TrackerService.class);
        List<NatType> seen = new CopyOnWriteArrayList<>();
        try (WebP2pPlayerSource source = source(api).build()) {
            source.start().get();
            await().pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(8)).until(() -> {
                tracker.peersOfStream("demo").forEach(p -> seen.add(p.natType()));
                return !seen.isEmpty();
            });
            assertThat(seen).as("the type of the first announce the tracker holds").containsOnly(NatType.OPEN);
            assertThat(source.localAddresses()).isNotEmpty()
                    .allSatisfy(a -> assertThat(a).doesNotStartWith("127.").doesNotStartWith("[fe80"));
            assertThat(tracker.peersOfStream("demo")).singleElement()
                    .satisfies(p -> assertThat(p.addresses()).isEqualTo(source.localAddresses()));
        }
    }

    @Test
    void theConnectivityCheckFindsTheNatAndTheRendezvousAndSaysSoInPlainWords() throws Exception {
        URI api = URI.create("http://127.0.0.1:" + node.address("api").getPort());
        try (WebP2pPlayerSource source = source(api).build()) {
            assertThatThrownBy(() -> source.checkConnectivity().get()).hasMessageContaining("start the source first");
            source.start().get();

            ConnectivityReport report = source.checkConnectivity().get(20, TimeUnit.SECONDS);
            assertThat(report.natType()).as("loopback has no NAT").isEqualTo(NatType.OPEN);
            assertThat(report.udpReachesRendezvous()).isTrue();
            assertThat(report.summary()).contains("no NAT in front of it", "UDP reaches the rendezvous at 127.0.0.1:"
                    + node.address("rendezvous").getPort());
        }
    }

    @Test
    void aNatTypeSetByTheCallerIsKeptOverTheProbe() throws Exception {
        URI api = URI.create("http://127.0.0.1:" + node.address("api").getPort());
        try (WebP2pPlayerSource source = source(api).natType(NatType.SYMMETRIC).build()) {
            source.start().get();
            TrackerService tracker = node.runtime().services().service("tracker", TrackerService.class);
            await().atMost(Duration.ofSeconds(8)).until(() -> !tracker.peersOfStream("demo").isEmpty());
            // The probe would have answered within a second on loopback; the given type must outlast it.
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                    .until(() -> source.natType() == NatType.SYMMETRIC);
            assertThat(tracker.peersOfStream("demo")).extracting(PeerRecord::natType).containsExactly(NatType.SYMMETRIC);
        }
    }

    @Test
    void diagnosticsListenersHearEveryFallbackAsItHappens() throws Exception {
        URI api = URI.create("http://127.0.0.1:" + node.address("api").getPort());
        try (WebP2pPlayerSource source = source(api).build()) {
            List<SegmentScheduler.Fallback> heard = new CopyOnWriteArrayList<>();
            source.diagnostics().addListener(new DiagnosticsListener() {
                @Override
                public void httpFallback(SegmentScheduler.Fallback f) {
                    heard.add(f);
                }
            });
            source.start().get();
            await().atMost(Duration.ofSeconds(8)).until(() -> heard.size() >= 2);
            assertThat(heard).extracting(SegmentScheduler.Fallback::reason).containsOnly(FallbackReason.P2P_OFF);
            assertThat(source.diagnostics().fallbacks()).startsWith(heard.get(0), heard.get(1));
        }
    }

    @Test
    void heldSegmentsAreReadWithoutBlockingEvenFromTheEventLoop() throws Exception {
        URI api = URI.create("http://127.0.0.1:" + node.address("api").getPort());
        try (WebP2pPlayerSource source = source(api).build()) {
            source.start().get();
            await().atMost(Duration.ofSeconds(8)).until(() -> source.stats().startupMs() >= 0);
            MediaPlaylist playlist = source.playlist().get(5, TimeUnit.SECONDS);
            EventLoop loop = group.next();
            MediaPlaylist.Segment held = null;
            for (MediaPlaylist.Segment s : playlist.segments()) {
                // Asked from the loop the source lives on, where a blocking read would wait for itself.
                Optional<byte[]> fromLoop = CompletableFuture.supplyAsync(() -> source.heldSegment(s.sequence()), loop)
                        .thenCompose(f -> f).get(5, TimeUnit.SECONDS);
                if (fromLoop.isPresent()) {
                    held = s;
                    assertThat(fromLoop.get()).isEqualTo(originBytes(s.uri()));
                    break;
                }
            }
            assertThat(held).as("a segment of the playlist is held once playing").isNotNull();
            assertThat(source.heldSegment(held.sequence()).get(5, TimeUnit.SECONDS)).isPresent();
            assertThat(source.heldSegment(-1).get(5, TimeUnit.SECONDS)).as("never listed").isEmpty();
        }
    }

    @Test
    void startAndCloseRefuseTheEventLoopTheyWouldWaitOn() throws Exception {
        URI api = URI.create("http://127.0.0.1:" + node.address("api").getPort());
        WebP2pPlayerSource source = source(api).build();
        EventLoop loop = group.next();
        assertThatThrownBy(() -> loop.submit(source::start).get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(IllegalStateException.class).hasMessageContaining("off the player source's event loop");
        source.start().get(5, TimeUnit.SECONDS);
        assertThatThrownBy(source::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("already");
        assertThatThrownBy(() -> loop.submit(source::close).get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(IllegalStateException.class).hasMessageContaining("off the player source's event loop");
        source.close();
        TrackerService tracker = node.runtime().services().service("tracker", TrackerService.class);
        assertThat(tracker.peersOfStream("demo")).as("closed properly once asked off the loop").isEmpty();
    }

    @Test
    void aSourceWithoutItsRequiredOptionsIsNotBuilt() {
        assertThatThrownBy(() -> WebP2pPlayerSource.builder().stream("demo").eventLoops(group).build())
                .isInstanceOf(NullPointerException.class).hasMessage("api");
        assertThatThrownBy(() -> WebP2pPlayerSource.builder().api(URI.create("http://127.0.0.1:1")).eventLoops(group)
                .build()).isInstanceOf(NullPointerException.class).hasMessage("stream");
        assertThatThrownBy(() -> WebP2pPlayerSource.builder().api(URI.create("http://127.0.0.1:1")).stream("demo")
                .build()).isInstanceOf(NullPointerException.class).hasMessage("eventLoops");
    }

    private WebP2pPlayerSource.Builder source(URI api) {
        return WebP2pPlayerSource.builder().api(api).stream("demo").eventLoops(group);
    }

    private static byte[] originBytes(URI uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray())
                .body();
    }


    @Test
    void refusedSessionFailsTheStartWithTheServersReason() throws Exception {
        node.close();
        node = TestNode.open(Map.of());
        node.runtime().services().startAll();
        URI api = URI.create("http://127.0.0.1:" + node.address("api").getPort());
        try (WebP2pPlayerSource source = source(api).token("Zm9v.YmFy").build()) {
            assertThat(source.start()).failsWithin(Duration.ofSeconds(5))
                    .withThrowableThat().withMessageContaining("signature does not match");
        }
    }
}
