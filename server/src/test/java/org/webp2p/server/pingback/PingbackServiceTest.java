package org.webp2p.server.pingback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webp2p.protocol.admin.PeerLink;
import org.webp2p.protocol.admin.SwarmFigures;
import org.webp2p.server.MutableClock;
import org.webp2p.server.TestNode;
import org.webp2p.server.auth.SessionTicket;
import org.webp2p.server.auth.SessionTickets;
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

    private String beacon(String session, long http, long p2p, String startup) {
        return beacon(session, node.ticket(session, "p-" + session, "demo"), http, p2p, startup);
    }

    private static String beacon(String session, String ticket, long http, long p2p, String startup) {
        return """
                {"sessionId":"%s","ticket":"%s","peerId":"p-%s","swarm":"demo","httpBytes":%d,"p2pBytes":%d,
                 "uploadedBytes":50,"playedMs":10000,"startupMs":%s,"stalls":0,"stallMs":0,"bufferMs":9000,
                 "natType":"FULL_CONE","links":[{"peerId":"x","bytesIn":%d,"bytesOut":50}],
                 "connections":[{"remoteNat":"SYMMETRIC","attempts":2,"successes":1}]}"""
                .formatted(session, ticket, session, http, p2p, startup, p2p);
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
                {"sessionId":"sa","ticket":"%s","peerId":"pa","swarm":"demo","httpBytes":0,"p2pBytes":400,
                 "uploadedBytes":900,"playedMs":10000,"stalls":0,"stallMs":0,"bufferMs":9000,
                 "links":[{"peerId":"pb","bytesIn":400,"bytesOut":900}]}""".formatted(node.ticket("sa", "pa", "demo"));
        String b = """
                {"sessionId":"sb","ticket":"%s","peerId":"pb","swarm":"demo","httpBytes":0,"p2pBytes":900,
                 "uploadedBytes":400,"playedMs":10000,"stalls":0,"stallMs":0,"bufferMs":9000,
                 "links":[{"peerId":"pa","bytesIn":900,"bytesOut":400}]}""".formatted(node.ticket("sb", "pb", "demo"));
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
    void latencyToLiveIsTakenFromBeaconsAndAnImpossibleOneRefused() throws Exception {
        String told = beacon("s1", 10, 10, "null").replace("\"bufferMs\":9000", "\"bufferMs\":9000,\"latencyMs\":7400");
        assertThat(post("{\"beacons\":[" + told + "]}").statusCode()).isEqualTo(202);
        assertThat(pingback().figures("demo").orElseThrow().latencyP95Ms()).isEqualTo(7400);

        String negative = beacon("s2", 10, 10, "null").replace("\"bufferMs\":9000", "\"bufferMs\":9000,\"latencyMs\":-1");
        HttpResponse<String> r = post("{\"beacons\":[" + negative + "]}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(r.body()).get("reason").asText()).contains("latencyMs");
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

    private JsonNode refusal(HttpResponse<String> r, int status, String code) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode body = Json.MAPPER.readTree(r.body());
        assertThat(body.get("code").asText()).isEqualTo(code);
        return body;
    }

    @Test
    void beaconsWithoutAValidTicketOfTheirOwnSessionAreRefusedAndCounted() throws Exception {
        SessionTickets tickets = SessionTickets.load(node.runtime().config(), node.dataDir());
        Instant now = Instant.now();
        String expired = tickets.issue(new SessionTicket("s1", null, "demo", "", now.minusSeconds(600), now.minusSeconds(1)));
        String foreign = new SessionTickets("another-secret-another-secret!!!".getBytes(StandardCharsets.US_ASCII))
                .issue(new SessionTicket("s1", null, "demo", "", now, now.plusSeconds(600)));

        assertThat(post("{\"beacons\":[" + beacon("s1", "not-a-ticket", 10, 10, "null") + "]}").statusCode())
                .as("a made-up ticket").isEqualTo(401);
        refusal(post("{\"beacons\":[" + beacon("s1", foreign, 10, 10, "null") + "]}"), 401, "invalid_ticket");
        refusal(post("{\"beacons\":[" + beacon("s1", expired, 10, 10, "null") + "]}"), 401, "ticket_expired");
        JsonNode stolen = refusal(post("{\"beacons\":[" + beacon("s1", node.ticket("s2", null, "demo"), 10, 10, "null")
                + "]}"), 403, "wrong_session");
        assertThat(stolen.get("reason").asText()).contains("session s2, not s1");
        refusal(post("{\"beacons\":[" + beacon("s1", node.ticket("s1", "someone-else", "demo"), 10, 10, "null")
                + "]}"), 403, "wrong_session");
        refusal(post("{\"beacons\":[" + beacon("s1", node.ticket("s1", null, "sports"), 10, 10, "null") + "]}"),
                403, "wrong_session");
        refusal(post("{\"beacons\":[" + beacon("ok", 10, 10, "null") + "," + beacon("s1", foreign, 10, 10, "null")
                + "]}"), 401, "invalid_ticket");
        HttpResponse<String> none = post("""
                {"beacons":[{"sessionId":"s1","swarm":"demo","httpBytes":1,"p2pBytes":0,"uploadedBytes":0,
                 "playedMs":10000,"stalls":0,"stallMs":0,"bufferMs":0}]}""");
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(none.body()).contains("ticket is required");

        assertThat(node.runtime().services().status("pingback").metrics()).containsEntry("refusedInvalidTicket", 3L)
                .containsEntry("refusedTicketExpired", 1L).containsEntry("refusedWrongSession", 3L)
                .containsEntry("beaconsRejected", 1L).containsEntry("beaconsAccepted", 0L);
        assertThat(pingback().figures("demo").orElseThrow().sessions()).as("not even the batch's good one").isZero();
    }

    @Test
    void hugeByteCountsAreRefusedAsImplausibleAndNeverTurnTheFiguresNegative() throws Exception {
        // The issue's reproduction: Long.MAX_VALUE then 1 used to wrap the live sums to -9223372036854775808 + 2.
        JsonNode huge = refusal(post("{\"beacons\":[" + beacon("s1", Long.MAX_VALUE, 0, "null") + "]}"), 422,
                "implausible");
        assertThat(huge.get("reason").asText()).contains("pingback.max-rate");
        assertThat(post("{\"beacons\":[" + beacon("s2", 1, 0, "null") + "]}").statusCode()).isEqualTo(202);

        assertThat(pingback().figures(LiveAggregator.ALL).orElseThrow().httpBytes()).isEqualTo(1);
        assertThat(node.runtime().services().status("pingback").metrics()).containsEntry("refusedImplausible", 1L)
                .containsEntry("httpBytes", 1L);
    }

    @Test
    void aSessionMayReportAtMostTheConfiguredRateOverTheTimeSinceItWasLastHeard() throws Exception {
        node.close();
        // On a whole second, as tickets count in seconds.
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        node = TestNode.open(Map.of("pingback.max-rate", "1MB"), clock);
        node.runtime().services().start("pingback");
        String ticket = node.ticket("s1", "p-s1", "demo");
        long mb = 1 << 20;
        // The ticket's session began a minute ago: a first beacon may carry up to 61 s at 1 MB/s.
        refusal(post("{\"beacons\":[" + beacon("s1", ticket, 61 * mb + 1, 0, "null") + "]}"), 422, "implausible");
        assertThat(post("{\"beacons\":[" + beacon("s1", ticket, 40 * mb, 21 * mb, "null") + "]}").statusCode())
                .isEqualTo(202);
        clock.advance(Duration.ofSeconds(10));
        refusal(post("{\"beacons\":[" + beacon("s1", ticket, 11 * mb + 1, 0, "null") + "]}"), 422, "implausible");
        assertThat(post("{\"beacons\":[" + beacon("s1", ticket, 5 * mb, 6 * mb, "null") + "]}").statusCode())
                .isEqualTo(202);
        assertThat(post("{\"beacons\":[" + beacon("s1", ticket, 0, 0, "null") + "]}").statusCode())
                .as("nothing new at once is fine").isEqualTo(202);
        refusal(post("{\"beacons\":[" + beacon("s1", ticket, 2 * mb, 0, "null") + "]}"), 422, "implausible");
    }

    @Test
    void aNodeThatTrustsAnyRateStillSumsWithoutWrapping() throws Exception {
        node.close();
        node = TestNode.open(Map.of("pingback.max-rate", String.valueOf(Long.MAX_VALUE)));
        node.runtime().services().start("pingback");
        assertThat(post("{\"beacons\":[" + beacon("s1", Long.MAX_VALUE, 0, "null") + "]}").statusCode()).isEqualTo(202);
        assertThat(post("{\"beacons\":[" + beacon("s2", 1, 0, "null") + "]}").statusCode()).isEqualTo(202);

        SwarmFigures all = pingback().figures(LiveAggregator.ALL).orElseThrow();
        assertThat(all.httpBytes()).isEqualTo(Long.MAX_VALUE);
        assertThat(all.offloadRatio()).isZero();
        assertThat(node.runtime().services().status("pingback").metrics()).containsEntry("httpBytes", Long.MAX_VALUE);
    }

    @Test
    void aHeadlessNodeForgetsSessionsAndLinksOnATimerWithoutAnyoneReadingThem() throws Exception {
        node.close();
        MutableClock clock = new MutableClock(Instant.now());
        node = TestNode.open(Map.of("pingback.bucket", "100ms", "pingback.window", "1m"), clock);
        node.runtime().services().start("pingback");
        assertThat(post("{\"beacons\":[" + beacon("s1", 1, 1, "null") + "," + beacon("s2", 1, 1, "null") + "]}")
                .statusCode()).isEqualTo(202);
        Map<String, Number> held = node.runtime().services().status("pingback").metrics();
        assertThat(held).containsEntry("liveSessions", 2).containsEntry("liveLinks", 2);

        clock.advance(Duration.ofMinutes(2));
        await("the prune timer").atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(node.runtime().services().status("pingback").metrics()).containsEntry("liveSessions", 0)
                        .containsEntry("liveLinks", 0));
    }
}
