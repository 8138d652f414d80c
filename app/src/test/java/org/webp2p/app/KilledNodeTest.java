package org.webp2p.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webp2p.nat.NatType;
import org.webp2p.protocol.WireJson;
import org.webp2p.protocol.api.SessionPlan;
import org.webp2p.protocol.api.SessionRequest;
import org.webp2p.protocol.pingback.Beacon;
import org.webp2p.protocol.pingback.BeaconBatch;
import org.webp2p.server.TestNode;
import org.webp2p.server.store.Store;

/**
 * A node killed with SIGKILL while viewers report and an encoder publishes, then started again on
 * the same data directory: what it said it accepted long enough ago is still there.
 */
class KilledNodeTest {
    private static final Duration FLUSH = Duration.ofSeconds(1);
    private static final String KEY = "killed-node-publish-key";
    private static final String STREAM = "crash";
    private static final int BEACON_SENDERS = 2;
    private static final int BATCH = 10;
    private static final ObjectMapper JSON = WireJson.tolerant();
    private static final Pattern DIGEST = Pattern.compile("#EXT-X-WEBP2P-DIGEST:BYTES=(\\d+),SHA256=\"([0-9a-f]{64})\"");

    /** One batch the node answered 2xx, and when the answer arrived (System.nanoTime). */
    private record Accepted(String sessionId, int beacons, long answeredAt) {
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final Queue<Accepted> accepted = new ConcurrentLinkedQueue<>();
    private final AtomicInteger segmentsPublished = new AtomicInteger();
    private final AtomicBoolean loading = new AtomicBoolean(true);
    private final List<Thread> load = new ArrayList<>();
    private final Map<String, String> settings = Map.of("origin.publish-key", KEY,
            "pingback.flush-interval", FLUSH.toMillis() + "ms");
    private Path dir;
    private NodeProcess node;

    @BeforeEach
    void makeDir() throws Exception {
        dir = Files.createTempDirectory("webp2p-killed");
    }

    @AfterEach
    void cleanUp() throws Exception {
        loading.set(false);
        if (node != null) {
            node.close();
        }
        for (Thread t : load) {
            t.join();
        }
        TestNode.deleteTree(dir);
    }

    @Test
    void aNodeKilledUnderBeaconsAndIngestRestartsWithEveryBeaconAcceptedOverAFlushIntervalBefore() throws Exception {
        node = NodeProcess.start(dir, settings);
        InetSocketAddress api = node.address("api");
        InetSocketAddress origin = node.address("origin");
        for (int i = 0; i < BEACON_SENDERS; i++) {
            SessionPlan plan = openSession(api);
            load.add(new Thread(() -> sendBeacons(plan), "beacons-" + i));
        }
        load.add(new Thread(() -> publish(origin), "encoder"));
        load.forEach(Thread::start);
        InetSocketAddress admin = node.address("admin");
        String token = Files.readString(dir.resolve("admin-token")).trim();
        await().atMost(Duration.ofSeconds(30)).until(() -> segmentsPublished.get() >= 5
                && writer(admin, token).path("written").asLong() >= 1000);
        // Killed right after a write: H2 would still hold that write in memory, were it not forced to disk.
        long before = writer(admin, token).path("written").asLong();
        AtomicReference<JsonNode> reported = new AtomicReference<>();
        await().atMost(FLUSH.multipliedBy(10)).pollInterval(Duration.ofMillis(5))
                .until(() -> {
                    reported.set(writer(admin, token));
                    return reported.get().path("written").asLong() > before;
                });

        long killedAt = System.nanoTime();
        node.kill();
        loading.set(false);
        for (Thread t : load) {
            t.join();
        }

        // What the node drained a flush interval before the kill was in that write; a machine too busy to
        // write it within the interval (seen at a load of 20 on two cores) stretches the interval by as much.
        long cutoff = killedAt - FLUSH.plusMillis(reported.get().path("writeMillis").asLong()).toNanos();
        Map<String, Integer> mustHave = new HashMap<>();
        long total = 0;
        for (Accepted a : accepted) {
            total += a.beacons();
            if (a.answeredAt() < cutoff) {
                mustHave.merge(a.sessionId(), a.beacons(), Integer::sum);
            }
        }
        try (Store store = Store.open(Store.embeddedUrl(dir), "sa", "")) {
            Map<String, Integer> stored = storedBySession(store);
            long storedTotal = stored.values().stream().mapToInt(Integer::intValue).sum();
            assertThat(storedTotal).as("every beacon the node reported written")
                    .isGreaterThanOrEqualTo(reported.get().path("written").asLong())
                    .as("nothing that was not accepted").isLessThanOrEqualTo(total);
            mustHave.forEach((session, n) -> assertThat(stored.getOrDefault(session, 0))
                    .as("beacons of %s stored, of %s accepted more than a flush interval before the kill", session, n)
                    .isGreaterThanOrEqualTo(n));
            assertThat(minuteSums(store)).as("the per-minute sums hold the same beacons").isEqualTo(storedTotal);
        }

        node = NodeProcess.start(dir, settings);
        assertThat(node.serviceLines()).as("every service starts again").allMatch(l -> l.contains(" RUNNING ")
                || l.contains(" STOPPED ") && l.endsWith(" disabled"));
        assertWholeSegments(node.address("origin"));
        assertThat(postBeacons(node.address("api"))).as("pingback takes beacons again").isEqualTo(202);
        assertThat(node.stop()).isZero();
    }

    private SessionPlan openSession(InetSocketAddress api) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(api, "/v1/sessions"))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(new SessionRequest("demo", null))))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readValue(r.body(), SessionPlan.class);
    }

    /** Sends batches back to back until the node dies, noting each one answered 2xx. */
    private void sendBeacons(SessionPlan plan) {
        Beacon b = new Beacon(plan.sessionId(), plan.ticket(), null, plan.swarm(), 0, 0, 0, 0, null, 0, 0, 0, NatType.UNKNOWN, List.of(),
                List.of());
        try {
            byte[] body = JSON.writeValueAsBytes(new BeaconBatch(Collections.nCopies(BATCH, b)));
            HttpRequest request = HttpRequest.newBuilder(URI.create(plan.pingbackUrl()))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", "application/json").build();
            while (loading.get()) {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status / 100 == 2) {
                    accepted.add(new Accepted(plan.sessionId(), BATCH, System.nanoTime()));
                }
            }
        } catch (IOException | InterruptedException e) {
            // The node was killed under it.
        }
    }

    /** Uploads segments and a sliding playlist as ffmpeg's HLS muxer does, until the node dies. */
    private void publish(InetSocketAddress origin) {
        try {
            for (int i = 0; loading.get(); i++) {
                byte[] segment = ("segment " + i + " ").repeat(2000).getBytes(StandardCharsets.US_ASCII);
                if (put(origin, "seg" + i + ".ts", segment) / 100 != 2) {
                    continue;
                }
                StringBuilder playlist = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n");
                int first = Math.max(0, i - 4);
                playlist.append("#EXT-X-MEDIA-SEQUENCE:").append(first).append('\n');
                for (int s = first; s <= i; s++) {
                    playlist.append("#EXTINF:2.000000,\nseg").append(s).append(".ts\n");
                }
                if (put(origin, "index.m3u8", playlist.toString().getBytes(StandardCharsets.US_ASCII)) / 100 == 2) {
                    segmentsPublished.incrementAndGet();
                }
            }
        } catch (IOException | InterruptedException e) {
            // The node was killed under it.
        }
    }

    private int put(InetSocketAddress origin, String file, byte[] body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(origin, "/live/" + STREAM + "/" + file))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).header("X-Publish-Key", KEY).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private int postBeacons(InetSocketAddress api) throws IOException, InterruptedException {
        SessionPlan plan = openSession(api);
        Beacon b = new Beacon(plan.sessionId(), plan.ticket(), null, plan.swarm(), 0, 0, 0, 0, null, 0, 0, 0, NatType.UNKNOWN, List.of(),
                List.of());
        return http.send(HttpRequest.newBuilder(URI.create(plan.pingbackUrl()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(new BeaconBatch(List.of(b)))))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Every segment the restarted origin lists is served whole: its bytes match the digest the playlist gives. */
    private void assertWholeSegments(InetSocketAddress origin) throws Exception {
        HttpResponse<String> playlist = http.send(HttpRequest.newBuilder(uri(origin, "/live/" + STREAM + "/index.m3u8"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(playlist.statusCode()).as("the stream is still there").isEqualTo(200);
        List<String> lines = playlist.body().lines().toList();
        int checked = 0;
        for (int i = 0; i < lines.size(); i++) {
            Matcher digest = DIGEST.matcher(lines.get(i));
            if (!digest.matches()) {
                continue;
            }
            String file = lines.subList(i, lines.size()).stream().filter(l -> !l.startsWith("#")).findFirst().orElseThrow();
            HttpResponse<byte[]> segment = http.send(HttpRequest.newBuilder(uri(origin, "/live/" + STREAM + "/" + file))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(segment.statusCode()).as(file).isEqualTo(200);
            assertThat(segment.body()).as(file).hasSize(Integer.parseInt(digest.group(1)));
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(segment.body())))
                    .as(file).isEqualTo(digest.group(2));
            checked++;
        }
        assertThat(checked).as("segments listed").isPositive();
    }

    /** Pingback's metrics, from the admin endpoint: {@code written} beacons, the last write's {@code writeMillis}. */
    private JsonNode writer(InetSocketAddress admin, String token) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(admin, "/v1/services/pingback"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).path("metrics");
    }

    private static Map<String, Integer> storedBySession(Store store) throws Exception {
        Map<String, Integer> stored = new HashMap<>();
        try (Connection c = store.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT session_id, COUNT(*) FROM beacon GROUP BY session_id")) {
            while (rs.next()) {
                stored.put(rs.getString(1), rs.getInt(2));
            }
        }
        return stored;
    }

    private static long minuteSums(Store store) throws Exception {
        try (Connection c = store.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COALESCE(SUM(beacons), 0) FROM beacon_minute")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static URI uri(InetSocketAddress address, String path) {
        return URI.create("http://127.0.0.1:" + address.getPort() + path);
    }
}
