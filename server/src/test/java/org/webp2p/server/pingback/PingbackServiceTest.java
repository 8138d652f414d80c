package org.webp2p.server.pingback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webp2p.protocol.admin.PeerLink;
import org.webp2p.protocol.admin.SwarmFigures;
import org.webp2p.server.TestNode;
import org.webp2p.server.http.Json;

class PingbackServiceTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private TestNode node;

    @BeforeEach
    void start() throws Exception {
        node = TestNode.open(Map.of("pingback.max-batch", "3", "pingback.max-body", "4KB",
                "pingback.flush-interval", "100ms"));
        node.runtime().services().start("pingback");
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    private HttpResponse<String> post(String json) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + node.address("pingback").getPort() + "/v1/beacons");
        return http.send(HttpRequest.newBuilder(uri).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String beacon(String session, long http, long p2p, String startup) {
        return """
                {"sessionId":"%s","peerId":"p-%s","swarm":"demo","httpBytes":%d,"p2pBytes":%d,"uploadedBytes":50,
                 "playedMs":10000,"startupMs":%s,"stalls":0,"stallMs":0,"bufferMs":9000,"natType":"FULL_CONE",
                 "links":[{"peerId":"x","bytesIn":%d,"bytesOut":50}],
                 "connections":[{"remoteNat":"SYMMETRIC","attempts":2,"successes":1}]}"""
                .formatted(session, session, http, p2p, startup, p2p);
    }

    private PingbackService pingback() {
        return node.runtime().services().service("pingback", PingbackService.class);
    }

    @Test
    void beaconsReachLiveFiguresThenTheStoreAndSurviveARestart() throws Exception {
        HttpResponse<String> r = post("{\"beacons\":[" + beacon("s1", 1000, 3000, "700") + ","
                + beacon("s2", 1000, 5000, "null") + "]}");
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(Json.MAPPER.readTree(r.body()).get("accepted").asInt()).isEqualTo(2);

        SwarmFigures live = pingback().figures("demo").orElseThrow();
        assertThat(live.offloadRatio()).isEqualTo(0.8);
        assertThat(live.startupP50Ms()).isEqualTo(700);
        assertThat(live.natPairs()).singleElement().satisfies(p -> assertThat(p.attempts()).isEqualTo(4));
        assertThat(node.runtime().services().status("pingback").metrics())
                .as("running byte totals for rates").containsEntry("httpBytes", 2000L).containsEntry("p2pBytes", 8000L);

        Instant from = Instant.now().minus(1, ChronoUnit.HOURS);
        Instant to = Instant.now().plus(1, ChronoUnit.MINUTES);
        await("the batch reaches the store").atMost(Duration.ofSeconds(5))
                .until(() -> !pingback().history("demo", from, to).isEmpty());
        assertThat(new BeaconStore(node.runtime().store().dataSource()).countBeacons("demo")).isEqualTo(2);

        node.restart().services().start("pingback");
        assertThat(pingback().history("demo", from, to)).singleElement().satisfies(m -> {
            assertThat(m.beacons()).isEqualTo(2);
            assertThat(m.p2pBytes()).isEqualTo(8000);
            assertThat(m.offloadRatio()).isEqualTo(0.8);
            assertThat(m.startups()).isEqualTo(1);
            assertThat(m.natAttempts()).isEqualTo(4);
        });
        assertThat(pingback().history(LiveAggregator.ALL, from, to)).hasSize(1);
    }

    @Test
    void postedBeaconLinksBecomeLiveTotalsPerPairOfPeers() throws Exception {
        String a = """
                {"sessionId":"sa","peerId":"pa","swarm":"demo","httpBytes":0,"p2pBytes":400,"uploadedBytes":900,
                 "playedMs":10000,"stalls":0,"stallMs":0,"bufferMs":9000,
                 "links":[{"peerId":"pb","bytesIn":400,"bytesOut":900}]}""";
        String b = """
                {"sessionId":"sb","peerId":"pb","swarm":"demo","httpBytes":0,"p2pBytes":900,"uploadedBytes":400,
                 "playedMs":10000,"stalls":0,"stallMs":0,"bufferMs":9000,
                 "links":[{"peerId":"pa","bytesIn":900,"bytesOut":400}]}""";
        assertThat(post("{\"beacons\":[" + a + "," + b + "]}").statusCode()).isEqualTo(202);

        assertThat(pingback().links("demo")).containsExactly(new PeerLink("pa", "pb", 1300));
        node.runtime().services().stop("pingback");
        assertThat(pingback().links("demo")).isEmpty();
    }

    @Test
    void stoppingWritesWhatIsStillQueued() throws Exception {
        node.close();
        node = TestNode.open(Map.of("pingback.flush-interval", "1h"));
        node.runtime().services().start("pingback");
        assertThat(post("{\"beacons\":[" + beacon("s1", 10, 10, "null") + "]}").statusCode()).isEqualTo(202);
        node.runtime().services().stop("pingback");
        assertThat(new BeaconStore(node.runtime().store().dataSource()).countBeacons("demo")).isEqualTo(1);
        assertThat(pingback().figures("demo")).as("no live figures while stopped").isEmpty();
    }

    @Test
    void malformedBeaconsAreRefusedWithTheReasonAndCounted() throws Exception {
        HttpResponse<String> negative = post("{\"beacons\":[" + beacon("s1", -5, 0, "null") + "]}");
        assertThat(negative.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(negative.body()).get("reason").asText()).contains("must not be negative");
        assertThat(post("{\"beacons\":[]}").statusCode()).isEqualTo(400);
        assertThat(post("{\"beacons\":[{\"sessionId\":\"s\",\"swarm\":\"demo\",\"surprise\":1}]}").statusCode())
                .isEqualTo(400);
        assertThat(post("{\"beacons\":[{\"sessionId\":\"s\",\"swarm\":\"demo\",\"connections\":"
                + "[{\"remoteNat\":\"OPEN\",\"attempts\":1,\"successes\":2}]}]}").statusCode()).isEqualTo(400);
        assertThat(node.runtime().services().status("pingback").metrics()).containsEntry("beaconsRejected", 4L);
        assertThat(pingback().figures("demo").orElseThrow().sessions()).as("nothing half-taken").isZero();
    }

    @Test
    void oversizedBodiesAndBatchesAre413() throws Exception {
        HttpResponse<String> big = post("{\"beacons\":[" + beacon("s1", 1, 1, "null") + "],\"pad\":\""
                + "x".repeat(5000) + "\"}");
        assertThat(big.statusCode()).isEqualTo(413);
        JsonNode body = Json.MAPPER.readTree(big.body());
        assertThat(body.get("code").asText()).isEqualTo("too_large");

        String four = String.join(",", beacon("a", 1, 1, "null"), beacon("b", 1, 1, "null"),
                beacon("c", 1, 1, "null"), beacon("d", 1, 1, "null"));
        HttpResponse<String> many = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + node.address("pingback").getPort() + "/v1/beacons"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"beacons\":[" + four + "]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(many.statusCode()).isEqualTo(413);
        assertThat(Json.MAPPER.readTree(many.body()).get("reason").asText()).contains("at most 3 beacons");
    }
}
