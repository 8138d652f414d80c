package org.webp2p.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.webp2p.server.TestNode;

/**
 * What an HTTP request may carry and how slowly it may come, with real sockets: the JSON services'
 * body limit, the body deadline that cuts a trickle, and the uploads and downloads it must not cut.
 */
class RequestLimitsTest {
    private static final String KEY = "limits-key";
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

    private long metric(String service, String name) {
        return node.runtime().services().status(service).metrics().get(name).longValue();
    }

    private URI uri(String service, String path) {
        return URI.create("http://127.0.0.1:" + node.address(service).getPort() + path);
    }

    @ParameterizedTest
    @CsvSource({"api, /v1/sessions", "tracker, /v1/announce", "pingback, /v1/beacons", "admin, /v1/tokens"})
    void aJsonEndpointRefusesABodyOver64KibWithTheReason(String service, String path) throws Exception {
        start(service, Map.of());
        HttpClient http = HttpClient.newHttpClient();
        byte[] most = new byte[64 * 1024];
        Arrays.fill(most, (byte) ' ');

        HttpResponse<String> over = http.send(HttpRequest.newBuilder(uri(service, path)).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(Arrays.copyOf(most, most.length + 1)))
                .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> limit = http.send(HttpRequest.newBuilder(uri(service, path)).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(most)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(over.statusCode()).isEqualTo(413);
        assertThat(over.body()).contains("too_large", "larger than 65536 bytes");
        assertThat(limit.statusCode()).as("64 KiB itself is read (and found not to be JSON)").isNotEqualTo(413);
    }

    @Test
    void aBodyTricklingInIsCutOffAtTheBodyTimeout() throws Exception {
        start("tracker", Map.of("http.body-timeout", "1s", "http.min-body-rate", "1KB", "net.idle-timeout", "30s"));
        try (Socket s = connect("tracker")) {
            s.getOutputStream().write("POST /v1/announce HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            AtomicInteger sent = new AtomicInteger();
            pacer.scheduleAtFixedRate(() -> {
                try {
                    s.getOutputStream().write(' ');
                    sent.incrementAndGet();
                } catch (IOException e) {
                    throw new IllegalStateException("closed", e);
                }
            }, 0, 100, TimeUnit.MILLISECONDS);
            long start = System.nanoTime();

            assertThat(readUntilClosed(s)).isEmpty();

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
            assertThat(sent.get()).as("still sending when cut off").isGreaterThan(5);
        }
        await().untilAsserted(() -> assertThat(metric("tracker", "timeouts.body")).isEqualTo(1));
    }

    @Test
    void aSlowUploadThatKeepsTheMinimumRateIsTakenWhole() throws Exception {
        start("origin", Map.of("origin.publish-key", KEY, "http.body-timeout", "1s", "http.min-body-rate", "1KB",
                "net.idle-timeout", "1s"));
        int chunk = 1500;
        int chunks = 16;
        try (Socket s = connect("origin")) {
            s.getOutputStream().write(("PUT /ingest/" + KEY + "/cam/index0.ts HTTP/1.1\r\nHost: x\r\nContent-Length: "
                    + chunk * chunks + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            AtomicInteger sent = new AtomicInteger();
            CompletableFuture<Void> done = new CompletableFuture<>();
            // 7.5 KB/s over about 3 s: well past the body timeout, and above the minimum rate.
            pacer.scheduleAtFixedRate(() -> {
                try {
                    s.getOutputStream().write(new byte[chunk]);
                    if (sent.incrementAndGet() == chunks) {
                        done.complete(null);
                        throw new IllegalStateException("all sent");
                    }
                } catch (IOException e) {
                    done.completeExceptionally(e);
                    throw new IllegalStateException("closed", e);
                }
            }, 0, 200, TimeUnit.MILLISECONDS);

            done.get(10, TimeUnit.SECONDS);
            byte[] answer = new byte[12];
            assertThat(s.getInputStream().readNBytes(answer, 0, answer.length)).isEqualTo(answer.length);
            assertThat(new String(answer, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 204");
        }
        assertThat(metric("origin", "timeouts.body")).isZero();
        assertThat(metric("origin", "connections.idle-closed")).isZero();
    }

    @Test
    void aLongDownloadToASlowButSteadyReaderIsNotCut() throws Exception {
        Path root = Files.createTempDirectory("webp2p-vod");
        try {
            byte[] file = new byte[32 << 20];
            Arrays.fill(file, (byte) 7);
            Files.createDirectories(root.resolve("films"));
            Files.write(root.resolve("films/long.ts"), file);
            start("origin", Map.of("origin.vod-roots", root.resolve("films").toString(), "net.idle-timeout", "1s",
                    "http.header-timeout", "1s"));
            AtomicLong body = new AtomicLong(-1);
            try (Socket s = new Socket()) {
                // A fixed window (above loopback's 64 KB segments), so the server's write lasts about as
                // long as the reader takes.
                s.setReceiveBufferSize(256 * 1024);
                s.connect(node.address("origin"), 2000);
                s.setSoTimeout(10_000);
                s.getOutputStream().write("GET /vod/films/long.ts HTTP/1.1\r\nHost: x\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                CompletableFuture<Void> done = new CompletableFuture<>();
                InputStream in = s.getInputStream();
                byte[] buf = new byte[256 * 1024];
                // At most 12.8 MB/s: the 32 MB take 2.5 s or more, well past the idle timeout.
                pacer.scheduleAtFixedRate(() -> {
                    try {
                        int n = in.read(buf);
                        if (n < 0 || body.addAndGet(bodyBytes(buf, n, body.get() < 0)) >= file.length) {
                            done.complete(null);
                            throw new IllegalStateException("done");
                        }
                    } catch (IOException e) {
                        done.completeExceptionally(e);
                        throw new IllegalStateException("failed", e);
                    }
                }, 0, 20, TimeUnit.MILLISECONDS);

                done.get(30, TimeUnit.SECONDS);
            }
            assertThat(body.get()).as("the whole file; %s", node.runtime().services().status("origin").metrics())
                    .isEqualTo(file.length);
            assertThat(metric("origin", "connections.idle-closed")).isZero();
        } finally {
            TestNode.deleteTree(root);
        }
    }

    /** The body bytes among {@code n} read: all of them, or those after the head in the answer's first read. */
    private static long bodyBytes(byte[] buf, int n, boolean first) {
        if (!first) {
            return n;
        }
        String head = new String(buf, 0, n, StandardCharsets.ISO_8859_1);
        assertThat(head).startsWith("HTTP/1.1 200").contains("\r\n\r\n");
        // The -1 the count starts from marks that no read came yet.
        return n - (head.indexOf("\r\n\r\n") + 4) + 1;
    }

    private Socket connect(String service) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", node.address(service).getPort()), 2000);
        s.setSoTimeout(10_000);
        return s;
    }

    private static String readUntilClosed(Socket s) throws IOException {
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
