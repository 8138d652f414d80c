package org.webp2p.sdk.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.webp2p.nat.emulator.LinkCounters;
import org.webp2p.server.TestNode;

/** A small swarm on slow, distant links: what the peers live through is bounded below by the links. */
class ShapedSwarmTest {

    @Test
    void peersOnSlowDistantLinksStartNoSoonerThanTheLinksAllow() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        try (TestNode node = TestNode.open(Map.of("api.open", "true"))) {
            node.runtime().services().startAll();
            URI api = URI.create("http://127.0.0.1:" + node.address("api").getPort());
            // 200 ms to the origin and 1 Mbit/s down: before its first segment is in hand a peer has
            // fetched a playlist (a round trip) and a segment (a round trip, then at least the demo's
            // smallest segment, 39,856 bytes, at the rate: 319 ms).
            SwarmSimulator simulator = new SwarmSimulator(api, "demo", peer -> null, group).rendition("180p")
                    .network(NetworkProfile.parse("lan,rtt=200,up=1,down=1"), 1);
            SimulationReport r = simulator.run(3, NatMix.parse("open=1,full=1,port=1"), 0, Duration.ofSeconds(10),
                    line -> { });
            LinkCounters links = simulator.linkTotals();

            assertThat(r.peersStarted()).isEqualTo(3);
            assertThat(r.originBytes()).isPositive();
            assertThat(r.startupP50Ms()).isGreaterThanOrEqualTo(2 * 200 + 319);
            assertThat(r.byLinkClass()).containsOnlyKeys("lan");
            assertThat(r.byLinkClass().get("lan").peers()).isEqualTo(3);
            // Every peer's datagrams (to the rendezvous, to each other) crossed its link, open peers' too.
            assertThat(links.up().passed()).isPositive();
            assertThat(links.down().passed()).isPositive();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
