package org.webp2p.server.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.webp2p.server.TestNode;

/**
 * The limits every TCP service applies to its connections, tried on each service with real sockets:
 * connections per address, the idle timeout, and the HTTP deadlines against clients that send their
 * request a byte at a time.
 */
class ConnectionLimitsTest {
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    private TestNode node;

    @AfterEach
    void close() throws IOException {
        pacer.shutdownNow();
        if (node != null) {
            node.close();
        }
    }

    private void start(String service, Map<String, String> settings) throws Exception {
        node = TestNode.open(settings);
        node.runtime().services().start(service);
    }

    private Socket connect(String service, String from) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        s.connect(node.address(service), 2000);
        s.setSoTimeout(10_000);
        return s;
    }

    private long metric(String service, String name) {
        return node.runtime().services().status(service).metrics().get(name).longValue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"origin", "api", "tracker", "pingback", "admin"})
    void aClientSendingItsHeadersAByteAtATimeIsCutOffAtTheHeaderTimeout(String service) throws Exception {
        start(service, Map.of("http.header-timeout", "1s", "net.idle-timeout", "30s"));
        byte[] head = "GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);
        try (Socket s = connect(service, "127.0.0.1")) {
            AtomicInteger sent = new AtomicInteger();
            pacer.scheduleAtFixedRate(() -> {
                int i = sent.getAndIncrement();
                try {
                    s.getOutputStream().write(i < head.length ? head[i] : 'a');
                } catch (IOException e) {
                    throw new IllegalStateException("closed", e);
                }
            }, 0, 100, TimeUnit.MILLISECONDS);
            long start = System.nanoTime();

            assertThat(readUntilClosed(s)).as("no answer, only the end").isEmpty();

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
            assertThat(sent.get()).as("still sending when cut off").isGreaterThan(5);
        }
        await().untilAsserted(() -> assertThat(metric(service, "timeouts.header")).isEqualTo(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"origin", "api", "tracker", "pingback", "admin"})
    void aConnectionThatStopsSendingInTheMiddleOfARequestIsClosedWhenIdle(String service) throws Exception {
        start(service, Map.of("net.idle-timeout", "1s", "http.body-timeout", "30s"));
        try (Socket s = connect(service, "127.0.0.1")) {
            s.getOutputStream().write(("POST /v1/anything HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{")
                    .getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();

            readUntilClosed(s);

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
        }
        await().untilAsserted(() -> assertThat(metric(service, "connections.idle-closed")).isEqualTo(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"origin", "api", "tracker", "pingback", "admin"})
    void anAddressGetsNoMoreConnectionsThanItsCapAndOthersAreNotHeldUp(String service) throws Exception {
        start(service, Map.of("net.max-connections-per-address", "2"));
        Socket first = connect(service, "127.0.0.1");
        Socket second = connect(service, "127.0.0.1");
        // Answered, so admitted: connections are set up on several event loops, in no set order.
        assertThat(health(service, first)).startsWith("HTTP/1.1 200");
        assertThat(health(service, second)).startsWith("HTTP/1.1 200");
        try (first; second; Socket third = connect(service, "127.0.0.1");
             Socket elsewhere = connect(service, "127.0.0.2")) {
            assertThat(health(service, elsewhere)).as("another address is not held up").startsWith("HTTP/1.1 200");
            assertThat(readUntilClosed(third)).as("closed as it arrives").isEmpty();
            assertThat(metric(service, "connections.refused")).isEqualTo(1);

            first.close();
            await().untilAsserted(() -> {
                try (Socket next = connect(service, "127.0.0.1")) {
                    assertThat(health(service, next)).as("a closed connection frees its place").startsWith("HTTP/1.1 200");
                }
            });
        }
    }

    /** Asks for something {@code service} always has and returns the answer's start as it came. */
    private static String health(String service, Socket s) throws IOException {
        String path = service.equals("origin") ? "/live/demo/index.m3u8" : "/health";
        s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        byte[] buf = new byte[4096];
        int n = s.getInputStream().read(buf);
        return n < 0 ? "" : new String(buf, 0, n, StandardCharsets.UTF_8);
    }

    /** Reads until the server ends the connection (EOF or a reset); what came before, as text. */
    static String readUntilClosed(Socket s) throws IOException {
        StringBuilder got = new StringBuilder();
        InputStream in = s.getInputStream();
        byte[] buf = new byte[4096];
        try {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                got.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
            }
        } catch (SocketException reset) {
            // A reset ends it too.
        }
        return got.toString();
    }
}
