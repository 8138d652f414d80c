package org.webp2p.sdk.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.webp2p.nat.NatType;
import org.webp2p.protocol.admin.PeerRecord;
import org.webp2p.protocol.admin.StreamStats;
import org.webp2p.protocol.pingback.Beacon;
import org.webp2p.sdk.diagnostics.PeerFailureReason;
import org.webp2p.sdk.peer.ConnectionAttempt;
import org.webp2p.sdk.peer.RoguePeer;
import org.webp2p.server.TestNode;
import org.webp2p.server.origin.OriginService;
import org.webp2p.server.pingback.LiveAggregator;
import org.webp2p.server.pingback.PingbackService;
import org.webp2p.server.tracker.TrackerService;

class SwarmSimulatorTest {

    @Test
    void eachSimulatedPeerPlaysFromItsOwnAddressWithoutStalling() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        try (TestNode node = TestNode.open(Map.of("api.open", "true"))) {
            node.runtime().services().startAll();
            URI api = URI.create("http://127.0.0.1:" + node.address("api").getPort());
            TrackerService tracker = node.runtime().services().service("tracker", TrackerService.class);
            List<PeerRecord> seen = new ArrayList<>();
            // While the simulation runs: every peer announced, each with the NAT type it found.
            Thread watcher = new Thread(() -> seen.addAll(await().atMost(Duration.ofSeconds(9))
                    .until(() -> tracker.peersOfStream("demo"), peers -> peers.size() == 3
                            && peers.stream().noneMatch(p -> p.natType() == NatType.UNKNOWN))));
            watcher.start();
            SimulationReport r = new SwarmSimulator(api, "demo", peer -> null, group).rendition("180p")
                    .run(3, NatMix.parse("full=1,symmetric=2"), 0, Duration.ofSeconds(9), line -> { });
            watcher.join();

            assertThat(r.peersStarted()).isEqualTo(3);
            assertThat(r.stalls()).isZero();
            assertThat(r.stallRatio()).isZero();
            assertThat(r.startupP95Ms()).isBetween(0L, 4000L);
            assertThat(r.peersNeverStarted()).isEmpty();
            assertThat(r.baseline()).isNull();
            assertThat(r).extracting(SimulationReport::stream, SimulationReport::network, SimulationReport::peers)
                    .containsExactly("demo", "lan", 3);
            assertThat(r.streamBitrateKbps()).as("the light demo, measured from its segments").isBetween(100.0, 400.0);
            StreamStats demo = node.runtime().services().service("origin", OriginService.class).streams().stream()
                    .filter(s -> s.name().equals("demo")).findFirst().orElseThrow();
            assertThat(r.originBytes()).as("every body the origin sent them, playlists too, and each answer's headers")
                    .isGreaterThanOrEqualTo(demo.bytesOut() + 100 * demo.requests());
            assertThat(seen).hasSize(3);
            assertThat(seen).extracting(p -> p.source().getHostAddress())
                    .containsExactlyInAnyOrder("127.3.0.1", "127.3.0.2", "127.3.0.3");
            assertThat(seen).extracting(p -> p.natType().name()).containsOnly("FULL_CONE", "SYMMETRIC");
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void aWarmUpPlaysAsManyViewersFirstFromOtherAddressesAndCountsNothingOfTheirs() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        try (TestNode node = TestNode.open(Map.of("api.open", "true"))) {
            node.runtime().services().startAll();
            URI api = URI.create("http://127.0.0.1:" + node.address("api").getPort());
            TrackerService tracker = node.runtime().services().service("tracker", TrackerService.class);
            Set<String> announcedFrom = ConcurrentHashMap.newKeySet();
            AtomicBoolean running = new AtomicBoolean(true);
            Thread watcher = new Thread(() -> {
                while (running.get()) {
                    tracker.peersOfStream("demo").forEach(p -> announcedFrom.add(p.source().getHostAddress()));
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
                }
            });
            watcher.start();
            SimulationReport r;
            try {
                r = new SwarmSimulator(api, "demo", peer -> null, group).rendition("180p").warmup(Duration.ofSeconds(5))
                        .run(2, NatMix.parse("full=1"), 0, Duration.ofSeconds(5), line -> { });
            } finally {
                running.set(false);
                watcher.join();
            }

            assertThat(announcedFrom).as("the warm-up's viewers, then the measured ones, as without a warm-up")
                    .containsExactlyInAnyOrder("127.3.160.1", "127.3.160.2", "127.3.0.1", "127.3.0.2");
            assertThat(r.peersStarted()).isEqualTo(2);
            assertThat(r.warmupMs()).isEqualTo(5_000);
            assertThat(r.durationMs()).as("the measured run alone, not the warm-up too").isBetween(5_000L, 9_500L);
            StreamStats demo = node.runtime().services().service("origin", OriginService.class).streams().stream()
                    .filter(s -> s.name().equals("demo")).findFirst().orElseThrow();
            assertThat(demo.bytesOut()).as("the origin also served the warm-up, which the report leaves out")
                    .isGreaterThan(r.originBytes() * 13 / 10);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void aPeerThatCannotStartIsReportedWithItsReasonAndCountsAsAStartupTimeout() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        try (TestNode node = TestNode.open(Map.of())) {
            node.runtime().services().startAll();
            URI api = URI.create("http://127.0.0.1:" + node.address("api").getPort());
            // The demo is open, but a token given anyway is checked: peer 1's is no token at all.
            SimulationReport r = new SwarmSimulator(api, "demo", peer -> peer == 1 ? "not-a-token" : null, group).rendition("180p")
                    .run(3, NatMix.parse("full=1"), 0, Duration.ofSeconds(8), line -> { });

            assertThat(r.peersNeverStarted()).singleElement().satisfies(n -> {
                assertThat(n.peer()).isEqualTo(1);
                assertThat(n.reason()).isEqualTo(NeverStarted.Reason.NO_SESSION);
                assertThat(n.detail()).startsWith("refused: ");
                assertThat(n.countedAsTimeout()).isTrue();
            });
            assertThat(r.startupP50Ms()).isBetween(0L, 4000L);
            assertThat(r.startupP95Ms()).as("the refused viewer waited the whole run for nothing")
                    .isGreaterThanOrEqualTo(NeverStarted.STARTUP_TIMEOUT_MS);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void theBaselinePlaysAsManyViewersOverHttpAloneBesideTheSwarmAndOutOfIt() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        try (TestNode node = TestNode.open(Map.of("api.open", "true"))) {
            node.runtime().services().startAll();
            URI api = URI.create("http://127.0.0.1:" + node.address("api").getPort());
            TrackerService tracker = node.runtime().services().service("tracker", TrackerService.class);
            List<Integer> swarmSizes = new ArrayList<>();
            Thread watcher = new Thread(() -> await().atMost(Duration.ofSeconds(9)).pollInterval(Duration.ofMillis(200))
                    .until(() -> swarmSizes.add(tracker.peersOfStream("demo").size()) && swarmSizes.contains(3)));
            watcher.start();
            SimulationReport r = new SwarmSimulator(api, "demo", peer -> null, group).rendition("180p")
                    .withBaseline(SimulationReport.BaselineTiming.TOGETHER)
                    .run(3, NatMix.parse("full=1"), 0, Duration.ofSeconds(10), line -> { });
            watcher.join();

            assertThat(r.peersStarted()).as("the swarm's peers alone").isEqualTo(3);
            assertThat(swarmSizes).as("HTTP-only viewers never join the swarm").allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(3));
            SimulationReport.Baseline b = r.baseline();
            assertThat(b).isNotNull();
            assertThat(b.stalls()).isZero();
            assertThat(b.stallRatio()).isZero();
            assertThat(b.startupP50Ms()).isBetween(0L, 4000L);
            assertThat(b.startupP95Ms()).isBetween(b.startupP50Ms(), 4000L);
            assertThat(b.originBytes()).as("three viewers' worth of segments, all from the origin").isPositive();
            PingbackService pingback = node.runtime().services().service("pingback", PingbackService.class);
            assertThat(pingback.figures("demo")).as("the node's figures describe the swarm: only its peers beacon")
                    .hasValueSatisfying(f -> assertThat(f.sessions()).isEqualTo(3));
            await("the console's bytes are the simulator's").atMost(Duration.ofSeconds(10))
                    .until(() -> pingback.figures("demo").map(f -> List.of(f.httpBytes(), f.p2pBytes())).orElse(List.of()),
                            equalTo(List.of(r.originBytes(), r.p2pBytes())));
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void aBaselineAfterTheSwarmPlaysItsViewersOnceTheSwarmsRunIsOver() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        try (TestNode node = TestNode.open(Map.of("api.open", "true"))) {
            node.runtime().services().startAll();
            URI api = URI.create("http://127.0.0.1:" + node.address("api").getPort());
            TrackerService tracker = node.runtime().services().service("tracker", TrackerService.class);
            List<Integer> swarmWhenHttpBegan = new ArrayList<>();
            long began = System.currentTimeMillis();
            SimulationReport r = new SwarmSimulator(api, "demo", peer -> null, group).rendition("180p")
                    .withBaseline(SimulationReport.BaselineTiming.AFTER)
                    .run(2, NatMix.parse("full=1"), 0, Duration.ofSeconds(6), line -> {
                        if (line.startsWith("the swarm's run is over")) {
                            swarmWhenHttpBegan.add(tracker.peersOfStream("demo").size());
                        }
                    });
            long wall = System.currentTimeMillis() - began;

            assertThat(swarmWhenHttpBegan).as("announced once, when the swarm's viewers had all left the tracker")
                    .containsExactly(0);
            assertThat(r.durationMs()).as("the swarm's run alone").isBetween(6_000L, 9_000L);
            assertThat(wall).as("the HTTP-only viewers played as long again").isGreaterThanOrEqualTo(12_000L);
            assertThat(r.peersStarted()).isEqualTo(2);
            SimulationReport.Baseline b = r.baseline();
            assertThat(b).isNotNull();
            assertThat(b.timing()).isEqualTo(SimulationReport.BaselineTiming.AFTER);
            assertThat(b.stalls()).isZero();
            assertThat(b.startupP95Ms()).isBetween(0L, 4000L);
            assertThat(b.originBytes()).as("two viewers' worth of segments, all from the origin").isPositive();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void aSessionAPeerThatIsFullClosesCountsAsATriedConnectionNotAMadeOne() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        try (TestNode node = TestNode.open(Map.of("api.open", "true"))) {
            node.runtime().services().startAll();
            URI api = URI.create("http://127.0.0.1:" + node.address("api").getPort());
            try (RoguePeer full = new RoguePeer(node, RoguePeer.Behaviour.FULL)) {
                SimulationReport r = new SwarmSimulator(api, "demo", peer -> null, group).rendition("180p")
                        .run(2, NatMix.parse("full=1"), 0, Duration.ofSeconds(12), line -> { });

                assertThat(r.peerFailures()).as("the full peer closed their sessions").containsKey("REFUSED");
                assertThat(r.natSuccess()).as("tried the full peer (OPEN), and it never took them")
                        .containsEntry("FULL_CONE->OPEN", 0.0);
                assertThat(r.attempts()).as("the clients' own logs").filteredOn(a -> a.farNatType() == NatType.OPEN)
                        .extracting(SimulationReport.Attempt::outcome, SimulationReport.Attempt::reason)
                        .contains(tuple(ConnectionAttempt.Outcome.REFUSED, PeerFailureReason.PEER_FULL))
                        .noneMatch(t -> t.toList().get(0) == ConnectionAttempt.Outcome.CONNECTED);
                PingbackService pingback = node.runtime().services().service("pingback", PingbackService.class);
                await("the refusals reach pingback").atMost(Duration.ofSeconds(10)).until(() -> pingback.sessions()
                        .stream().flatMap(h -> h.attempts().stream())
                        .anyMatch(a -> a.outcome() == Beacon.Attempt.Outcome.REFUSED && "PEER_FULL".equals(a.reason())));
                assertThat(pingback.sessions()).flatMap(LiveAggregator.SessionHealth::attemptCounts)
                        .filteredOn(c -> c.remoteNat() == NatType.OPEN)
                        .extracting(Beacon.AttemptCount::outcome).contains(Beacon.Attempt.Outcome.REFUSED)
                        .doesNotContain(Beacon.Attempt.Outcome.CONNECTED);
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void emulatesNatsOnlyForANodeOnLoopback() {
        assertThat(SwarmSimulator.emulatesNats(URI.create("http://127.0.0.1:8081"))).isTrue();
        assertThat(SwarmSimulator.emulatesNats(URI.create("http://localhost:8081"))).isTrue();
        assertThat(SwarmSimulator.emulatesNats(URI.create("http://[::1]:8081"))).isTrue();
        assertThat(SwarmSimulator.emulatesNats(URI.create("http://192.0.2.10:8081"))).isFalse();
    }
}
