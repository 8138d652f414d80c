package org.webp2p.sdk.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webp2p.nat.NatType;
import org.webp2p.protocol.admin.LiveSession;
import org.webp2p.protocol.pingback.Beacon;
import org.webp2p.sdk.diagnostics.PeerFailureReason;
import org.webp2p.sdk.http.HttpFetcher;
import org.webp2p.sdk.peer.AttemptLog;
import org.webp2p.sdk.peer.ConnectionAttempt;
import org.webp2p.sdk.playback.PlaybackStats;
import org.webp2p.server.TestNode;
import org.webp2p.server.auth.SessionTicket;
import org.webp2p.server.auth.SessionTickets;
import org.webp2p.server.pingback.PingbackService;

class PingbackReporterTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private TestNode node;
    private EventLoopGroup group;
    private HttpFetcher http;

    @BeforeEach
    void start() throws Exception {
        node = TestNode.open(Map.of());
        node.runtime().services().start("pingback");
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        http = new HttpFetcher(group, null);
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        node.close();
    }

    @Test
    void aBeaconRefusedForItsExpiredTicketIsFoldedIntoTheNextWhichCarriesTheRenewedOne() throws Exception {
        Instant now = Instant.now();
        String expired = SessionTickets.load(node.runtime().config(), node.dataDir())
                .issue(new SessionTicket("s1", "peer-1", "demo", "", now.minusSeconds(600), now.minusSeconds(1)));
        URI url = URI.create("http://127.0.0.1:" + node.address("pingback").getPort() + "/v1/beacons");
        PingbackReporter reporter = new PingbackReporter(http, url, "s1", expired, "demo", TIMEOUT);
        reporter.identity("peer-1", NatType.FULL_CONE);
        PlaybackStats stats = new PlaybackStats(500, 0, 0, 10_000);

        reporter.httpBytes(1000);
        assertThat(reporter.report(stats, 4000, List.of(), List.of()).get(5, TimeUnit.SECONDS)).isFalse();
        reporter.ticket(node.ticket("s1", "peer-1", "demo"));
        reporter.httpBytes(500);
        assertThat(reporter.report(stats, 4000, List.of(), List.of()).get(5, TimeUnit.SECONDS)).isTrue();

        PingbackService pingback = node.runtime().services().service("pingback", PingbackService.class);
        assertThat(pingback.session("s1")).hasValueSatisfying(h -> {
            assertThat(h.httpBytes()).as("the refused beacon's bytes too").isEqualTo(1500);
            assertThat(h.peerId()).isEqualTo("peer-1");
        });
        assertThat(node.runtime().services().status("pingback").metrics()).containsEntry("refusedTicketExpired", 1L);
    }

    @Test
    void twoAttemptsEndingInOneMillisecondEitherSideOfABeaconAreBothReported() throws Exception {
        PingbackReporter reporter = reporter("s2");
        PlaybackStats stats = new PlaybackStats(500, 0, 0, 10_000);
        AttemptLog log = new AttemptLog();
        log.add("aa01", NatType.FULL_CONE, false, ConnectionAttempt.Outcome.CONNECTED, null, 1000);
        assertThat(reporter.report(stats, 4000, List.of(), List.of(), log.latest(), log.counts())
                .get(5, TimeUnit.SECONDS)).isTrue();
        log.add("aa02", NatType.SYMMETRIC, false, ConnectionAttempt.Outcome.FAILED,
                PeerFailureReason.NAT_INCOMPATIBLE, 1000);
        assertThat(reporter.report(stats, 4000, List.of(), List.of(), log.latest(), log.counts())
                .get(5, TimeUnit.SECONDS)).isTrue();

        assertThat(pingback().session("s2").orElseThrow().attempts()).extracting(Beacon.Attempt::peerId)
                .containsExactly("aa01", "aa02");
    }

    @Test
    void moreAttemptsBetweenTwoBeaconsThanTheClientKeepsAreAllCountedAndTheLatestShown() throws Exception {
        PingbackReporter reporter = reporter("s3");
        PlaybackStats stats = new PlaybackStats(500, 0, 0, 10_000);
        AttemptLog log = new AttemptLog();
        for (int i = 0; i < 30; i++) {
            log.add("bb%02d".formatted(i), NatType.PORT_RESTRICTED_CONE, false, ConnectionAttempt.Outcome.FAILED,
                    PeerFailureReason.HANDSHAKE_TIMEOUT, i);
        }
        for (int i = 30; i < 70; i++) {
            log.add("bb%02d".formatted(i), NatType.OPEN, false, ConnectionAttempt.Outcome.REFUSED,
                    PeerFailureReason.PEER_FULL, i);
        }
        assertThat(log.latest()).hasSize(AttemptLog.KEPT);
        assertThat(reporter.report(stats, 4000, List.of(), List.of(), log.latest(), log.counts())
                .get(5, TimeUnit.SECONDS)).isTrue();
        log.add("cc00", NatType.OPEN, false, ConnectionAttempt.Outcome.CONNECTED, null, 80);
        assertThat(reporter.report(stats, 4000, List.of(), List.of(), log.latest(), log.counts())
                .get(5, TimeUnit.SECONDS)).isTrue();

        LiveSession live = pingback().session("s3").orElseThrow().live();
        assertThat(live.attemptCounts()).containsExactly(
                new Beacon.AttemptCount(NatType.PORT_RESTRICTED_CONE, Beacon.Attempt.Outcome.FAILED, "HANDSHAKE_TIMEOUT", 30),
                new Beacon.AttemptCount(NatType.OPEN, Beacon.Attempt.Outcome.REFUSED, "PEER_FULL", 40),
                new Beacon.AttemptCount(NatType.OPEN, Beacon.Attempt.Outcome.CONNECTED, null, 1));
        assertThat(live.attempts()).hasSize(LiveSession.MAX_ATTEMPTS).last()
                .isEqualTo(new Beacon.Attempt("cc00", NatType.OPEN, Beacon.Attempt.Outcome.CONNECTED, null));
    }

    @Test
    void aBeaconNamesTheRenditionPlayedAndOneNoSwarmCouldBeNamedAfterIsLeftOutNotTheBeacon() throws Exception {
        PingbackReporter reporter = reporter("s3");
        PlaybackStats stats = new PlaybackStats(500, 0, 0, 10_000);
        reporter.rendition("180p");
        reporter.httpBytes(1000);
        assertThat(reporter.report(stats, 4000, List.of(), List.of()).get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(pingback().session("s3")).hasValueSatisfying(h -> assertThat(h.rendition()).isEqualTo("180p"));
        assertThat(pingback().renditions()).singleElement().satisfies(f -> {
            assertThat(f.swarm()).isEqualTo("demo/180p");
            assertThat(f.httpBytes()).isEqualTo(1000);
        });

        reporter.rendition("r".repeat(128));
        reporter.httpBytes(500);
        assertThat(reporter.report(stats, 4000, List.of(), List.of()).get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(pingback().session("s3")).hasValueSatisfying(h -> {
            assertThat(h.rendition()).isNull();
            assertThat(h.httpBytes()).isEqualTo(1500);
        });
    }

    private PingbackReporter reporter(String session) {
        URI url = URI.create("http://127.0.0.1:" + node.address("pingback").getPort() + "/v1/beacons");
        PingbackReporter reporter = new PingbackReporter(http, url, session, node.ticket(session, "peer-1", "demo"),
                "demo", TIMEOUT);
        reporter.identity("peer-1", NatType.FULL_CONE);
        return reporter;
    }

    private PingbackService pingback() {
        return node.runtime().services().service("pingback", PingbackService.class);
    }
}
