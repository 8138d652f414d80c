package org.webp2p.sdk.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.webp2p.nat.NatType;
import org.webp2p.protocol.admin.PeerRecord;
import org.webp2p.server.TestNode;
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
                    .until(() -> tracker.peers("demo"), peers -> peers.size() == 3
                            && peers.stream().noneMatch(p -> p.natType() == NatType.UNKNOWN))));
            watcher.start();
            SimulationReport r = new SwarmSimulator(api, "demo", peer -> null, group)
                    .run(3, NatMix.parse("full=1,symmetric=2"), 0, Duration.ofSeconds(9), line -> { });
            watcher.join();

            assertThat(r.peersStarted()).isEqualTo(3);
            assertThat(r.stalls()).isZero();
            assertThat(r.startupP95Ms()).isBetween(0L, 4000L);
            assertThat(r.originBytes()).isPositive();
            assertThat(seen).hasSize(3);
            assertThat(seen).extracting(p -> p.source().getHostAddress())
                    .containsExactlyInAnyOrder("127.3.0.1", "127.3.0.2", "127.3.0.3");
            assertThat(seen).extracting(p -> p.natType().name()).containsOnly("FULL_CONE", "SYMMETRIC");
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
