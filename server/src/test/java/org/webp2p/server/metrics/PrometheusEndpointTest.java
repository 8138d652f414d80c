package org.webp2p.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.prometheus.metrics.expositionformats.generated.Metrics;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webp2p.nat.NatType;
import org.webp2p.protocol.pingback.Beacon;
import org.webp2p.protocol.pingback.BeaconBatch;
import org.webp2p.server.TestNode;
import org.webp2p.server.admin.AdminToken;
import org.webp2p.server.http.Json;

/**
 * A real node scraped over HTTP as Prometheus scrapes it, and read back with the Prometheus client's
 * own parser: the 1.x client parses no text format, so the scrape asks for Prometheus' protobuf
 * format and reads it with the client's generated {@code Metrics.MetricFamily} messages.
 */
class PrometheusEndpointTest {
    private static final String PROTOBUF = "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;"
            + "encoding=delimited";

    private static final Pattern METRIC_NAME = Pattern.compile("\\b(webp2p|jvm)_[a-z0-9_]+");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private TestNode node;

    @AfterEach
    void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void aScrapeWithTheTokenShowsTheSegmentFetchTheBeaconTheServicesAndTheJvm() throws Exception {
        start(Map.of());
        String segment = firstSegment("/live/demo/index.m3u8");
        HttpResponse<byte[]> fetched = http.send(HttpRequest.newBuilder(origin("/live/demo/" + segment)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(postBeacon()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(value(scrape(), "webp2p_pingback_beacons_written_total"))
                .hasValue(1));
        Map<String, Metrics.MetricFamily> m = scrape();

        assertThat(value(m, "webp2p_origin_requests_total", "stream", "demo", "status", "200", "cache", "memory"))
                .as("the playlist and the segment").hasValue(2);
        assertThat(value(m, "webp2p_origin_sent_bytes_total", "stream", "demo", "status", "200", "cache", "memory")
                .orElseThrow()).isGreaterThan(fetched.body().length);
        assertThat(value(m, "webp2p_service_up", "service", "origin")).hasValue(1);
        assertThat(value(m, "webp2p_service_state", "service", "pingback", "state", "running")).hasValue(1);
        assertThat(value(m, "webp2p_service_state", "service", "pingback", "state", "failed")).hasValue(0);
        assertThat(value(m, "webp2p_service_uptime_seconds", "service", "admin").orElseThrow()).isPositive();
        assertThat(value(m, "webp2p_pingback_beacons_accepted_total")).hasValue(1);
        assertThat(value(m, "webp2p_pingback_refused_batches_total", "reason", "invalid_ticket")).hasValue(0);
        assertThat(value(m, "webp2p_pingback_beacons_queued")).hasValue(0);
        Metrics.Summary writes = only(m, "webp2p_pingback_store_write_seconds").getSummary();
        assertThat(writes.getSampleCount()).isEqualTo(1);
        assertThat(m.get("webp2p_pingback_store_write_seconds").getType()).isEqualTo(Metrics.MetricType.SUMMARY);
        assertThat(value(m, "webp2p_live_offload_ratio", "stream", "demo")).hasValue(0.75);
        assertThat(value(m, "webp2p_live_startup_seconds", "stream", "demo", "quantile", "0.5")).hasValue(0.8);
        assertThat(value(m, "webp2p_live_latency_seconds", "stream", "demo", "quantile", "0.95")).hasValue(6.5);
        assertThat(value(m, "webp2p_live_sessions", "stream", "demo")).hasValue(1);
        assertThat(value(m, "webp2p_pingback_reported_bytes_total", "source", "p2p")).hasValue(3000);
        assertThat(m.get("webp2p_origin_requests_total").getType()).isEqualTo(Metrics.MetricType.COUNTER);
        assertThat(m).containsKeys("webp2p_rtmfp_sessions", "webp2p_rtmfp_handshakes_total", "webp2p_rtmfp_redirects_total",
                "webp2p_rtmfp_introductions_unknown_target_total", "webp2p_stun_requests_total", "webp2p_tracker_peers",
                "webp2p_tracker_swarms", "webp2p_ingest_errors_total", "webp2p_origin_streams", "webp2p_connections",
                "jvm_memory_used_bytes", "jvm_threads_current");
        assertThat(m.values()).as("no peer, session or address is a label").allSatisfy(f -> f.getMetricList()
                .forEach(s -> s.getLabelList().forEach(l -> assertThat(l.getName())
                        .isNotIn("peer", "peer_id", "session", "address", "ip"))));
    }

    @Test
    void everyMetricTheGrafanaDashboardQueriesIsInAScrapeOfANodeWithTraffic() throws Exception {
        start(Map.of("origin.publish-key", "dash-key"));
        firstSegment("/live/demo/index.m3u8");
        assertThat(postBeacon()).isEqualTo(202);
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(origin("/live/news/s0.ts"))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[188])).header("X-Publish-Key", "dash-key").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(20)).until(() -> value(scrape(), "webp2p_pingback_beacons_written_total").orElse(0) == 1);
        Map<String, Metrics.MetricFamily> m = scrape();

        JsonNode dashboard = Json.MAPPER.readTree(Path.of("..", "docs", "grafana-dashboard.json").toFile());
        Set<String> queried = new TreeSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher names = METRIC_NAME.matcher(target.path("expr").asText());
                while (names.find()) {
                    queried.add(names.group());
                }
            }
        }
        assertThat(queried).hasSizeGreaterThan(20);
        // Introductions are counted by pair of NAT types, so the family appears with the first one.
        queried.remove("webp2p_rtmfp_introductions_total");
        assertThat(queried).allSatisfy(name -> assertThat(m).as("families scraped").containsKey(
                m.containsKey(name) ? name : name.replaceFirst("_(sum|count)$", "")));
    }

    @Test
    void theTextFormatIsWhatAPlainScrapeGets() throws Exception {
        start(Map.of());
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(admin("/metrics")).header("Authorization", "Bearer " + token())
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(r.body()).contains("# TYPE webp2p_pingback_beacons_accepted_total counter",
                "webp2p_service_up{service=\"origin\"} 1.0", "# TYPE jvm_memory_used_bytes gauge");
    }

    @Test
    void withoutTheTokenAScrapeIs401WhileTheTokenIsRequired() throws Exception {
        start(Map.of());
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(admin("/metrics")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).doesNotContain("webp2p_");
    }

    @Test
    void withTheTokenNotRequiredAScrapeNeedsNoneButTheRestOfAdminStillDoes() throws Exception {
        start(Map.of("admin.metrics-token-required", "false"));

        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(admin("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> services = http.send(HttpRequest.newBuilder(admin("/v1/services")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("webp2p_service_up");
        assertThat(services.statusCode()).isEqualTo(401);
    }

    @Test
    void streamLabelsStopAtTheCapAndTheRestShareOne() throws Exception {
        start(Map.of("admin.metrics-max-streams", "1", "origin.publish-key", "cap-key"));
        for (String stream : List.of("one", "two")) {
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(origin("/live/" + stream + "/s0.ts"))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[188])).header("X-Publish-Key", "cap-key").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).as(put.body()).isEqualTo(204);
        }
        firstSegment("/live/demo/index.m3u8");

        Map<String, Metrics.MetricFamily> m = scrape();

        assertThat(m.get("webp2p_origin_requests_total").getMetricList()).flatMap(Metrics.Metric::getLabelList)
                .filteredOn(l -> l.getName().equals("stream")).extracting(Metrics.LabelPair::getValue).containsOnly("demo");
    }

    private void start(Map<String, String> settings) throws Exception {
        node = TestNode.open(settings);
        node.runtime().services().startAll();
    }

    private String token() throws IOException {
        return Files.readString(AdminToken.file(node.dataDir())).trim();
    }

    private Map<String, Metrics.MetricFamily> scrape() throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(admin("/metrics")).header("Authorization", "Bearer " + token())
                .header("Accept", PROTOBUF).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith(
                "application/vnd.google.protobuf"));
        Map<String, Metrics.MetricFamily> families = new HashMap<>();
        InputStream in = new ByteArrayInputStream(r.body());
        for (Metrics.MetricFamily f; (f = Metrics.MetricFamily.parseDelimitedFrom(in)) != null; ) {
            assertThat(families.put(f.getName(), f)).as("one family named " + f.getName()).isNull();
        }
        return families;
    }

    /** The value of the one sample of {@code family} with exactly these labels. */
    private static OptionalDouble value(Map<String, Metrics.MetricFamily> m, String family, String... labels) {
        Metrics.MetricFamily f = m.get(family);
        if (f == null) {
            return OptionalDouble.empty();
        }
        Map<String, String> wanted = new HashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        for (Metrics.Metric s : f.getMetricList()) {
            Map<String, String> has = new HashMap<>();
            s.getLabelList().forEach(l -> has.put(l.getName(), l.getValue()));
            if (has.equals(wanted)) {
                return OptionalDouble.of(s.hasCounter() ? s.getCounter().getValue() : s.getGauge().getValue());
            }
        }
        return OptionalDouble.empty();
    }

    private static Metrics.Metric only(Map<String, Metrics.MetricFamily> m, String family) {
        assertThat(m).containsKey(family);
        assertThat(m.get(family).getMetricCount()).isEqualTo(1);
        return m.get(family).getMetric(0);
    }

    private String firstSegment(String playlist) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(origin(playlist)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body().lines().filter(l -> !l.isBlank() && !l.startsWith("#")).findFirst().orElseThrow();
    }

    private int postBeacon() throws Exception {
        String session = "prom-session";
        Beacon b = new Beacon(session, node.ticket(session, null, "demo"), null, "demo", 1000, 3000, 0, 10_000, 800L, 0, 0,
                2000, NatType.UNKNOWN, List.of(), List.of(), null, List.of(), List.of(), 6_500L);
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.address("pingback").getPort()
                        + "/v1/beacons")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(new BeaconBatch(List.of(b)))))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private URI admin(String path) {
        return URI.create("http://127.0.0.1:" + node.address("admin").getPort() + path);
    }

    private URI origin(String path) {
        return URI.create("http://127.0.0.1:" + node.address("origin").getPort() + path);
    }
}
