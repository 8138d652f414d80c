package org.webp2p.sdk.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webp2p.nat.emulator.LinkConditions;
import org.webp2p.nat.emulator.LinkShaper;
import org.webp2p.nat.emulator.ShapedLink;
import org.webp2p.sdk.http.HttpFetcher;
import org.webp2p.sdk.http.HttpResult;

/**
 * Real HTTP over loopback through the relay. The durations asserted are lower bounds the link's
 * delay and rate impose, which no load on the machine can shorten.
 */
class ShapedHttpRelayTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final byte[] SEGMENT = new byte[125_000];
    private static final byte[] LARGE = new byte[2 * SEGMENT.length];

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final ShapedHttpRelay relay = new ShapedHttpRelay(group);
    private final List<InetSocketAddress> clients = new CopyOnWriteArrayList<>();
    private final HttpServer origin = origin();
    private final InetAddress peer = SwarmSimulator.address(8).getAddress();

    @AfterEach
    void stop() {
        relay.close();
        origin.stop(0);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void segmentArrivesNoSoonerThanItsSizeAtTheDownRatePlusTheRoundTrip() throws Exception {
        // 125,000 bytes at 2 Mbit/s take 500 ms; the request and the answer each cross 50 ms of delay.
        relay.attach(peer, ShapedLink.of(link(50, 8_000_000, 2_000_000), 1));
        HttpFetcher http = new HttpFetcher(group, new InetSocketAddress(peer, 0), relay::route);

        long start = System.nanoTime();
        HttpResult r = http.get(uri("/segment.ts"), TIMEOUT).get(30, TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        http.close();

        assertThat(r.ok()).isTrue();
        assertThat(r.body()).isEqualTo(SEGMENT);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(500 + 100));
        assertThat(clients).extracting(InetSocketAddress::getAddress).containsOnly(peer);
    }

    @Test
    void uploadIsPacedAtTheUpRate() throws Exception {
        // 62,500 bytes at 1 Mbit/s take 500 ms.
        relay.attach(peer, ShapedLink.of(link(0, 1_000_000, 0), 1));
        HttpFetcher http = new HttpFetcher(group, new InetSocketAddress(peer, 0), relay::route);

        long start = System.nanoTime();
        HttpResult r = http.postJson(uri("/beacon"), new byte[62_500], TIMEOUT).get(30, TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        http.close();

        assertThat(r.text()).isEqualTo("62500");
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(500));
    }

    @Test
    void keepAliveConnectionCarriesManyRequestsThroughOneLink() throws Exception {
        relay.attach(peer, ShapedLink.of(link(20, 0, 0), 1));
        HttpFetcher http = new HttpFetcher(group, new InetSocketAddress(peer, 0), relay::route);

        long start = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            assertThat(http.get(uri("/segment.ts"), TIMEOUT).get(30, TimeUnit.SECONDS).body()).isEqualTo(SEGMENT);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        http.close();

        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(3 * 40));
        assertThat(clients).hasSize(3).extracting(InetSocketAddress::getPort).containsOnly(clients.get(0).getPort());
    }

    @Test
    void downloadFillsTheQueueWithoutShuttingOutThePeersDatagrams() throws Exception {
        // 250,000 bytes at 1 Mbit/s: at least two seconds during which HTTP would take the whole link.
        ShapedLink link = ShapedLink.of(link(0, 1_000_000, 1_000_000), 1);
        relay.attach(peer, link);
        HttpFetcher http = new HttpFetcher(group, new InetSocketAddress(peer, 0), relay::route);
        // A small datagram now and then: once the download keeps the link busy, each either waits in
        // the queue behind it (released more than its own 1 ms later) or finds the queue full.
        List<Boolean> passedWhileBusy = new CopyOnWriteArrayList<>();

        long start = System.nanoTime();
        CompletableFuture<HttpResult> download = http.get(uri("/large.ts"), TIMEOUT);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
            long now = System.nanoTime();
            long at = link.down().admit(100, now);
            if (at == LinkShaper.QUEUE_FULL || at - now > 1_000_000) {
                passedWhileBusy.add(at != LinkShaper.QUEUE_FULL);
            }
            return download.isDone();
        });
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        http.close();

        assertThat(download.get().body()).hasSize(2 * SEGMENT.length);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        // The download pauses while the queue is over full and goes on once it is half empty, so a
        // datagram finds room most of the time; a download that kept reading would fill it throughout
        // and leave room only as it ends.
        assertThat(passedWhileBusy).hasSizeGreaterThan(10);
        assertThat(passedWhileBusy.stream().filter(passed -> passed).count()).isGreaterThan(passedWhileBusy.size() / 3);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + origin.getAddress().getPort() + path);
    }

    private static LinkConditions link(long delayMs, long upBps, long downBps) {
        return new LinkConditions(Duration.ofMillis(delayMs), Duration.ZERO, 0, upBps, downBps, Duration.ofMillis(100));
    }

    /** A plain origin: a segment to GET, and a POST that answers how many bytes it got. */
    private HttpServer origin() {
        new Random(3).nextBytes(SEGMENT);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                clients.add(exchange.getRemoteAddress());
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    int got = in.readAllBytes().length;
                    body = "POST".equals(exchange.getRequestMethod()) ? Integer.toString(got).getBytes()
                            : exchange.getRequestURI().getPath().equals("/large.ts") ? LARGE : SEGMENT;
                }
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
