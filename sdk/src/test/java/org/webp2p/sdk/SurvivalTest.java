package org.webp2p.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webp2p.sdk.diagnostics.PeerFailureReason;
import org.webp2p.server.TestNode;

/** Two clients that lose, one after another, the rendezvous, the API and tracker, and each other. */
class SurvivalTest {
    private TestNode node;
    private EventLoopGroup group;

    @BeforeEach
    void start() throws Exception {
        node = TestNode.open(Map.of("api.open", "true", "pingback.interval", "1s"));
        node.runtime().services().startAll();
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    }

    @AfterEach
    void stop() throws Exception {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        node.close();
    }

    /**
     * One rendition for both: a client starts at the lowest and steps up once it has buffered two
     * segments, and a switch moves it to the other rendition's swarm, closing its links. A loaded CI
     * run lost its link while the rendezvous was down, most likely to such a late step up.
     */
    private WebP2pPlayerSource client(int n) {
        URI api = URI.create("http://127.0.0.1:" + node.address("api").getPort());
        return WebP2pPlayerSource.builder().api(api).stream("demo").rendition("180p").eventLoops(group)
                .localAddress(new InetSocketAddress("127.3.9." + n, 0)).build();
    }

    private long rendezvousPeers() {
        return node.runtime().services().status("rendezvous").metrics().getOrDefault("peers", 0).longValue();
    }

    @Test
    void keepsPlayingThroughEveryOutageAndFindsTheRendezvousAgain() throws Exception {
        try (WebP2pPlayerSource a = client(1)) {
            WebP2pPlayerSource b = client(2);
            a.start().get(5, TimeUnit.SECONDS);
            b.start().get(5, TimeUnit.SECONDS);
            // Only the precondition, given time for a loaded build; the failures say what held it up.
            await("the two peers linked").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(List.of(a.connectedPeers(), b.connectedPeers()))
                            .as("peers linked; a's failures %s, b's %s", a.diagnostics().peerFailures(),
                                    b.diagnostics().peerFailures())
                            .containsExactly(1, 1));

            node.runtime().services().stop("rendezvous");
            await("links made through the rendezvous outlive it").during(Duration.ofSeconds(4))
                    .atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(a.connectedPeers())
                            .as("peers linked; failures %s", a.diagnostics().peerFailures()).isEqualTo(1));

            // On a new port (the test node binds port 0): the clients learn it from their renewed plans.
            node.runtime().services().start("rendezvous");
            await().atMost(Duration.ofSeconds(30)).until(() -> rendezvousPeers() == 2);

            node.runtime().services().stop("api");
            node.runtime().services().stop("tracker");
            long played = a.stats().playedMs();
            await("played on without API and tracker").atMost(Duration.ofSeconds(6))
                    .until(() -> a.stats().playedMs() - played > 4000);

            b.close();
            await("the peer that left is seen lost").atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(a.diagnostics().peerFailures()).anySatisfy(f -> {
                        assertThat(f.peerId()).isEqualTo(b.peerId());
                        assertThat(f.reason()).isEqualTo(PeerFailureReason.LOST);
                    }));
            assertThat(a.stats().stalls()).isZero();
            assertThat(b.stats().stalls()).isZero();
        }
    }
}
