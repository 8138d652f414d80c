package org.webp2p.sdk.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webp2p.nat.emulator.LinkConditions;
import org.webp2p.nat.emulator.ShapedLink;
import org.webp2p.protocol.admin.PeerRecord;
import org.webp2p.sdk.WebP2pPlayerSource;
import org.webp2p.sdk.abr.RenditionSelector;
import org.webp2p.server.TestNode;
import org.webp2p.server.tracker.TrackerService;

/**
 * A real client against a real node whose demo has two renditions (90p at about 100 kbit/s, 180p at
 * about 230 kbit/s peak), its HTTP crossing an emulated link that drops under the 180p rendition and
 * comes back: the client follows the link down and up again without a stall, and moves between the
 * renditions' swarms. The hand-over cuts whatever is under way, at any point of a segment; the 180p
 * download that follows on the slow link shows the drop while it runs, and is abandoned if it would
 * come after the buffer runs out.
 */
class RenditionSwitchTest {
    private static final ShapedLink FAST = ShapedLink.of(link(0), 1);
    /** Carries 90p and not 180p: a 180p segment takes longer to arrive than it plays. */
    private static final ShapedLink SLOW = ShapedLink.of(link(170_000), 2);

    private TestNode node;
    private EventLoopGroup group;
    private ShapedHttpRelay relay;

    @BeforeEach
    void start() throws Exception {
        node = TestNode.open(Map.of("api.open", "true"));
        node.runtime().services().startAll();
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        relay = new ShapedHttpRelay(group);
    }

    @AfterEach
    void stop() throws Exception {
        relay.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        node.close();
    }

    @Test
    void followsAThrottledLinkDownAndBackUpWithoutAStallMovingBetweenTheRenditionsSwarms() throws Exception {
        URI api = URI.create("http://127.0.0.1:" + node.address("api").getPort());
        InetSocketAddress viewer = SwarmSimulator.address(17);
        relay.attach(viewer.getAddress(), FAST);
        TrackerService tracker = node.runtime().services().service("tracker", TrackerService.class);
        try (WebP2pPlayerSource source = WebP2pPlayerSource.builder().api(api).stream("demo").eventLoops(group)
                .localAddress(viewer).httpRoute(relay::route).build()) {
            source.start().get();
            await().atMost(Duration.ofSeconds(10)).until(source::rendition, r -> r.equals(Optional.of("90p")));

            await().atMost(Duration.ofSeconds(40)).until(source::rendition, r -> r.equals(Optional.of("180p")));
            await().atMost(Duration.ofSeconds(10)).until(() -> inSwarm(tracker, "demo/180p", source.peerId())
                    && !inSwarm(tracker, "demo/90p", source.peerId()));

            relay.handOver(viewer.getAddress(), SLOW);
            await().atMost(Duration.ofSeconds(30)).until(source::rendition, r -> r.equals(Optional.of("90p")));
            await().atMost(Duration.ofSeconds(10)).until(() -> inSwarm(tracker, "demo/90p", source.peerId())
                    && !inSwarm(tracker, "demo/180p", source.peerId()));
            long playedWhenDown = source.stats().playedMs();
            await().atMost(Duration.ofSeconds(30)).until(source::throughputBps, bps -> bps > 0 && bps < 230_000);

            relay.handOver(viewer.getAddress(), FAST);
            await().atMost(Duration.ofSeconds(40)).until(source::rendition, r -> r.equals(Optional.of("180p")));
            await().atMost(Duration.ofSeconds(10)).until(() -> inSwarm(tracker, "demo/180p", source.peerId()));

            assertThat(source.renditionSwitches()).extracting(RenditionSelector.Switch::to)
                    .containsExactly("180p", "90p", "180p");
            RenditionSelector.Switch down = source.renditionSwitches().get(1);
            // Measured during a 180p download on the slow link, not after a drained buffer forced it.
            assertThat(down.throughputBps()).as("down on the slow link's rate: %s", down).isLessThan(230_000);
            assertThat(source.stats().playedMs()).isGreaterThan(playedWhenDown);
            // The 180p download under way on the slow link shows the drop before it ends, and is abandoned
            // and fetched again at 90p if it would come after the buffer ran out: no stall, wherever in a
            // segment the hand-over falls.
            assertThat(source.stats().stalls()).as("stalls through both switches: %s", source.stats()).isZero();
        }
        assertThat(tracker.peersOfStream("demo")).as("left on close").isEmpty();
    }

    private static boolean inSwarm(TrackerService tracker, String swarm, String peerId) {
        return tracker.peers(swarm).stream().map(PeerRecord::peerId).anyMatch(peerId::equals);
    }

    private static LinkConditions link(long downBitsPerSecond) {
        return new LinkConditions(Duration.ofMillis(10), Duration.ZERO, 0, 0, downBitsPerSecond, Duration.ofMillis(300));
    }
}
