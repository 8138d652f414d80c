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
import org.webp2p.sdk.peer.RoguePeer;
import org.webp2p.server.TestNode;

/**
 * The proof of the peer path: real SDK clients behind emulated NATs play the demo stream for a
 * minute, mostly from each other, never stalling, while one peer serves corrupted segments.
 */
class SwarmOffloadTest {

    @Test
    void tenPeersBehindNatsPlayWithoutStallingMostlyFromEachOtherAndDropALiar() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        try (TestNode node = TestNode.open(Map.of("api.open", "true"))) {
            node.runtime().services().startAll();
            URI api = URI.create("http://127.0.0.1:" + node.address("api").getPort());
            try (RoguePeer liar = new RoguePeer(node, RoguePeer.Behaviour.LIES)) {
                SimulationReport r = new SwarmSimulator(api, "demo", peer -> null, group).rendition("180p").run(10,
                        NatMix.parse("open=1,full=3,restricted=2,port=3,symmetric=1"), 0, Duration.ofSeconds(60),
                        line -> { });

                assertThat(r.stalls()).as("stalls").isZero();
                assertThat(r.startupP95Ms()).isBetween(0L, 4_000L);
                assertThat(r.offloadRatio()).as("share of bytes from peers").isGreaterThan(0.5);
                assertThat(r.peerFailures()).as("the liar was caught").containsKey("CORRUPT");
                assertThat(liar.served()).as("each peer asks the liar only until its first lie (2 in flight)")
                        .isLessThanOrEqualTo(10 * 2);
                assertThat(r.natSuccess()).containsKey("FULL_CONE->FULL_CONE");
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void aPeerThatCrawlsCostsHttpBytesNeverAStall() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        try (TestNode node = TestNode.open(Map.of("api.open", "true"))) {
            node.runtime().services().startAll();
            URI api = URI.create("http://127.0.0.1:" + node.address("api").getPort());
            try (RoguePeer crawler = new RoguePeer(node, RoguePeer.Behaviour.CRAWLS)) {
                SimulationReport r = new SwarmSimulator(api, "demo", peer -> null, group).rendition("180p").run(3,
                        NatMix.parse("full=1"), 0, Duration.ofSeconds(25), line -> { });

                assertThat(r.stalls()).as("stalls").isZero();
                assertThat(crawler.served()).as("the crawler was asked").isPositive();
                assertThat(r.fallbacks()).as("HTTP finished what the crawler started").containsKey("SLOW_PEER");
                assertThat(r.peerFailures()).doesNotContainKey("CORRUPT");
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
