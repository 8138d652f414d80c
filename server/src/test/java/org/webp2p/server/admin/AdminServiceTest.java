package org.webp2p.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webp2p.protocol.ClientKind;
import org.webp2p.protocol.admin.AdminSnapshot;
import org.webp2p.protocol.admin.LiveSession;
import org.webp2p.protocol.admin.NodeState;
import org.webp2p.protocol.admin.PeerLink;
import org.webp2p.protocol.admin.PeerRecord;
import org.webp2p.protocol.admin.ServiceEvent;
import org.webp2p.protocol.admin.ServiceState;
import org.webp2p.protocol.admin.ServiceStatus;
import org.webp2p.protocol.admin.StreamStats;
import org.webp2p.protocol.admin.SwarmFigures;
import org.webp2p.protocol.admin.SwarmSummary;
import org.webp2p.protocol.admin.TrafficHistory;
import org.webp2p.protocol.tracker.SegmentRange;
import org.webp2p.server.TestNode;
import org.webp2p.server.api.AccessToken;
import org.webp2p.server.api.TokenCodec;
import org.webp2p.server.auth.TokenSecret;
import org.webp2p.server.http.Json;
import org.webp2p.server.pingback.StoredHistory;

class AdminServiceTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private TestNode node;
    private String base;
    private String token;

    @BeforeEach
    void start() throws Exception {
        node = TestNode.open(Map.of());
        node.runtime().services().startAll();
        base = "http://127.0.0.1:" + node.address("admin").getPort();
        token = Files.readString(AdminToken.file(node.dataDir())).trim();
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    @Test
    void listsEveryServiceWithStateAndAddresses() throws Exception {
        HttpResponse<String> r = get("/v1/services");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode all = Json.MAPPER.readTree(r.body());
        assertThat(all).extracting(n -> n.get("name").asText()).containsAll(node.runtime().services().names());
        JsonNode admin = null;
        for (JsonNode n : all) {
            admin = "admin".equals(n.get("name").asText()) ? n : admin;
        }
        assertThat(admin.get("name").asText()).isEqualTo("admin");
        assertThat(admin.get("state").asText()).isEqualTo("RUNNING");
        assertThat(admin.get("addresses").get(0).asText()).isEqualTo("127.0.0.1:" + node.address("admin").getPort());
        assertThat(admin.get("metrics").get("requests").asLong()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void unknownPathIsJson404WithCodeAndReason() throws Exception {
        HttpResponse<String> r = get("/v1/nope");
        assertThat(r.statusCode()).isEqualTo(404);
        JsonNode body = Json.MAPPER.readTree(r.body());
        assertThat(body.get("code").asText()).isEqualTo("not_found");
        assertThat(body.get("reason").asText()).contains("/v1/nope");
    }

    @Test
    void wrongMethodIs405NamingTheAllowedOnes() throws Exception {
        HttpResponse<String> r = http.send(authorized(base + "/v1/services").DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(Json.MAPPER.readTree(r.body()).get("reason").asText()).contains("use GET");
    }

    @Test
    void badQueryValueIs400() throws Exception {
        assertThat(get("/v1/events?limit=lots").statusCode()).isEqualTo(400);
        assertThat(get("/v1/events?limit=0").statusCode()).isEqualTo(400);
    }

    @Test
    void historyIsTheStoredRollupsSummedIntoAtMostTheAskedStepsAndRefusesABadRange() throws Exception {
        Instant now = Instant.now();
        StoredHistory.fill(node.runtime().store().dataSource(), "news", now.minus(Duration.ofDays(31)), now);

        HttpResponse<String> r = get("/v1/history?swarm=news&from=" + now.minus(Duration.ofDays(30)) + "&points=100");

        assertThat(r.statusCode()).isEqualTo(200);
        TrafficHistory h = Json.MAPPER.readValue(r.body(), TrafficHistory.class);
        assertThat(h.stepSeconds()).isEqualTo(Duration.ofHours(12).toSeconds());
        assertThat(h.points()).hasSizeBetween(60, 100);
        assertThat(h.points().get(1).httpBytes()).isEqualTo(StoredHistory.HTTP_PER_MINUTE * 12 * 60);
        assertThat(h.natPairs()).isNotEmpty();
        assertThat(get("/v1/history?from=yesterday").statusCode()).isEqualTo(400);
        assertThat(get("/v1/history").statusCode()).isEqualTo(400);
        assertThat(get("/v1/history?from=" + now.plusSeconds(60) + "&to=" + now).statusCode()).isEqualTo(400);
        assertThat(get("/v1/history?from=" + now.minusSeconds(60) + "&points=0").statusCode()).isEqualTo(400);
    }

    @Test
    void eventsShowTheStartsThatHappened() throws Exception {
        JsonNode events = Json.MAPPER.readTree(get("/v1/events?limit=10").body());
        assertThat(events).isNotEmpty();
        assertThat(events.get(0).get("service").asText()).isEqualTo("admin");
        assertThat(events.get(0).get("to").asText()).isEqualTo("RUNNING");
    }

    @Test
    void restartRequestIsAcceptedAndCarriedOut() throws Exception {
        var before = node.runtime().services().status("admin").since();
        HttpResponse<String> r = http.send(authorized(base + "/v1/services/admin/restart")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            var s = node.runtime().services().status("admin");
            assertThat(s.state()).as("admin restarted: %s", s).isEqualTo(ServiceState.RUNNING);
            assertThat(s.since()).as("admin restarted: %s", s).isAfter(before);
        });
    }

    @Test
    void issuesPlaybackTokensTheApiAcceptsAndRefusesBadRequests() throws Exception {
        HttpResponse<String> r = http.send(authorized(base + "/v1/tokens").header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"stream\":\"news\",\"hours\":2}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(201);
        String issued = Json.MAPPER.readTree(r.body()).get("token").asText();
        TokenCodec codec = new TokenCodec(TokenSecret.load(node.runtime().config(), node.dataDir()));
        AccessToken t = codec.verify(issued, "news", Instant.now());
        assertThat(Duration.between(t.issuedAt(), t.expiresAt())).isEqualTo(Duration.ofHours(2));

        for (String bad : List.of("{\"stream\":\"../x\"}", "{\"stream\":\"news\",\"hours\":100000}", "{}")) {
            HttpResponse<String> refused = http.send(authorized(base + "/v1/tokens")
                    .POST(HttpRequest.BodyPublishers.ofString(bad)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as(bad).isEqualTo(400);
        }
    }

    @Test
    void unknownServiceOrActionIsRefused() throws Exception {
        assertThat(get("/v1/services/ghost").statusCode()).isEqualTo(404);
        HttpResponse<String> r = http.send(authorized(base + "/v1/services/admin/explode")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
    }

    @Test
    void refusesEveryRouteButHealthWithoutTheRightToken() throws Exception {
        for (String path : List.of("/v1/services", "/v1/snapshot", "/v1/events", "/v1/nope")) {
            HttpResponse<String> none = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(none.statusCode()).as(path).isEqualTo(401);
            JsonNode body = Json.MAPPER.readTree(none.body());
            assertThat(body.get("code").asText()).isEqualTo("unauthorized");
            assertThat(body.get("reason").asText()).contains("Bearer");
            HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", "Bearer " + token + "x").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(wrong.statusCode()).as(path).isEqualTo(401);
        }
        HttpResponse<String> stop = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/services/tracker/stop"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stop.statusCode()).isEqualTo(401);
        assertThat(node.runtime().services().status("tracker").state()).isEqualTo(ServiceState.RUNNING);
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    @Test
    void tokenFileIsOwnerOnlyAndKeptAcrossRestarts() throws Exception {
        Path file = AdminToken.file(node.dataDir());
        assertThat(token).hasSizeGreaterThanOrEqualTo(40);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        node.restart().services().startAll();
        base = "http://127.0.0.1:" + node.address("admin").getPort();
        assertThat(get("/v1/services").statusCode()).isEqualTo(200);
        assertThat(Files.readString(file).trim()).isEqualTo(token);
    }

    @Test
    void configuredTokenIsTheOneAskedFor() throws Exception {
        try (TestNode configured = TestNode.open(Map.of("admin.token", "operator-chosen-token"))) {
            configured.runtime().services().start("admin");
            String url = "http://127.0.0.1:" + configured.address("admin").getPort() + "/v1/services";
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer operator-chosen-token").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(AdminToken.file(configured.dataDir())).doesNotExist();
        }
    }

    @Test
    void snapshotCarriesPeersLinksAndServicesAndReadsBackIntoTheSameRecords() throws Exception {
        int tracker = node.address("tracker").getPort();
        send(URI.create("http://127.0.0.1:" + tracker + "/v1/announce"), """
                {"swarm":"demo","peerId":"peer-a","event":"join","natType":"FULL_CONE","addresses":["203.0.113.1:1935"],
                 "position":5,"have":{"first":1,"last":5},"uploadKbps":800,"ticket":"%s"}"""
                .formatted(node.ticket("peer-a", "demo")));
        send(URI.create("http://127.0.0.1:" + node.address("pingback").getPort() + "/v1/beacons"), """
                {"beacons":[{"sessionId":"sa","ticket":"%s","peerId":"peer-a","swarm":"demo","httpBytes":100,
                 "p2pBytes":300,"uploadedBytes":0,"playedMs":10000,"startupMs":400,"stalls":0,"stallMs":0,
                 "bufferMs":8000,"links":[{"peerId":"peer-b","bytesIn":300,"bytesOut":0}]},
                 {"sessionId":"sb","ticket":"%s","peerId":"peer-b","swarm":"demo","httpBytes":0,"p2pBytes":0,
                 "uploadedBytes":300,"playedMs":10000,"stalls":0,"stallMs":0,"bufferMs":8000}]}"""
                .formatted(node.ticket("sa", "peer-a", "demo"), node.ticket("sb", "peer-b", "demo")));

        HttpResponse<String> r = get("/v1/snapshot");
        assertThat(r.statusCode()).isEqualTo(200);
        AdminSnapshot first = Json.MAPPER.readValue(r.body(), AdminSnapshot.class);
        NodeState state = first.node();
        assertThat(state.peers()).extracting(PeerRecord::peerId).containsExactly("peer-a");
        assertThat(state.peers().get(0).have()).isEqualTo(new SegmentRange(1, 5));
        assertThat(state.swarms()).containsExactly(new SwarmSummary("demo", 1));
        assertThat(state.links()).containsEntry("demo", List.of(new PeerLink("peer-a", "peer-b", 300)));
        assertThat(state.global().p2pBytes()).isEqualTo(300);
        assertThat(state.swarmFigures().get("demo").startupP95Ms()).isEqualTo(400);
        assertThat(state.origin()).hasValueSatisfying(o -> {
            assertThat(o.baseUrl()).isEqualTo("http://127.0.0.1:" + node.address("origin").getPort());
            assertThat(o.apiUrl()).isEqualTo("http://127.0.0.1:" + node.address("api").getPort());
            assertThat(o.openStreams()).as("the built-in demos play without a token")
                    .containsExactlyInAnyOrder("demo", "demo-hd");
        });
        assertThat(state.sessions()).extracting(LiveSession::sessionId, LiveSession::peerId, LiveSession::client,
                LiveSession::p2pBytes).containsExactlyInAnyOrder(tuple("sa", "peer-a", ClientKind.SDK, 300L),
                tuple("sb", "peer-b", ClientKind.SDK, 0L));
        assertThat(state.streams()).isNotEmpty();
        ServiceStatus admin = state.services().stream().filter(s -> s.name().equals("admin")).findFirst().orElseThrow();
        assertThat(admin.state()).isEqualTo(ServiceState.RUNNING);
        assertThat(admin.addresses()).containsExactly(node.address("admin"));
        assertThat(first.events()).as("no cursor: from now on").isEmpty();
        // Serialising what was read gives the same JSON: nothing was lost or renamed on the way.
        assertThat(Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(first))).isEqualTo(Json.MAPPER.readTree(r.body()));

        node.runtime().services().stop("tracker");
        AdminSnapshot next = Json.MAPPER.readValue(get("/v1/snapshot?afterEvent=" + first.eventCursor()).body(),
                AdminSnapshot.class);
        assertThat(next.events()).extracting(ServiceEvent::service, ServiceEvent::to)
                .contains(Tuple.tuple("tracker", ServiceState.STOPPED));
        assertThat(next.eventCursor()).isGreaterThan(first.eventCursor());
        assertThat(next.node().peers()).as("tracker stopped").isEmpty();
        assertThat(get("/v1/snapshot?afterEvent=" + next.eventCursor()).body()).contains("\"events\":[]");
        assertThat(get("/v1/snapshot?afterEvent=soon").statusCode()).isEqualTo(400);
    }

    @Test
    void snapshotShowsEachRenditionsFiguresBesideItsStreamsAndTheRenditionsAStreamIsPlayedThrough() throws Exception {
        send(URI.create("http://127.0.0.1:" + node.address("pingback").getPort() + "/v1/beacons"), """
                {"beacons":[{"sessionId":"sa","ticket":"%s","peerId":"peer-a","swarm":"demo","httpBytes":100,
                 "p2pBytes":300,"uploadedBytes":0,"playedMs":10000,"stalls":0,"stallMs":0,"bufferMs":8000,
                 "rendition":"180p"},
                 {"sessionId":"sb","ticket":"%s","peerId":"peer-b","swarm":"demo","httpBytes":500,"p2pBytes":0,
                 "uploadedBytes":0,"playedMs":10000,"stalls":0,"stallMs":0,"bufferMs":8000}]}"""
                .formatted(node.ticket("sa", "peer-a", "demo"), node.ticket("sb", "peer-b", "demo")));

        NodeState state = Json.MAPPER.readValue(get("/v1/snapshot").body(), AdminSnapshot.class).node();
        assertThat(state.swarmFigures().get("demo").httpBytes()).as("the stream's totals").isEqualTo(600);
        SwarmFigures hd = state.swarmFigures().get("demo/180p");
        assertThat(hd.peers()).isEqualTo(1);
        assertThat(hd.p2pBytes()).isEqualTo(300);
        assertThat(hd.offloadRatio()).isEqualTo(0.75);
        assertThat(state.swarmFigures()).doesNotContainKey("demo/90p");
        assertThat(state.sessions()).extracting(LiveSession::sessionId, LiveSession::rendition)
                .containsExactlyInAnyOrder(tuple("sa", "180p"), tuple("sb", null));
        StreamStats demo = state.streams().stream().filter(s -> s.name().equals("demo")).findFirst().orElseThrow();
        assertThat(demo.renditions()).containsExactlyInAnyOrder("180p", "90p");
        assertThat(demo.playlistPath()).isEqualTo("/live/demo/master.m3u8");
        HttpResponse<String> master = http.send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + node.address("origin").getPort() + demo.playlistPath())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(master.statusCode()).isEqualTo(200);
        assertThat(master.body()).contains("#EXT-X-STREAM-INF").contains("180p/index.m3u8").contains("90p/index.m3u8");
    }

    @Test
    void theTwoBeaconsThatTurnedTheSnapshotNegativeLeaveItTrue() throws Exception {
        URI beacons = URI.create("http://127.0.0.1:" + node.address("pingback").getPort() + "/v1/beacons");
        String beacon = """
                {"beacons":[{"sessionId":"%s","ticket":"%s","swarm":"demo","httpBytes":%d,"p2pBytes":0,
                 "uploadedBytes":0,"playedMs":10000,"stalls":0,"stallMs":0,"bufferMs":8000}]}""";
        HttpResponse<String> huge = http.send(HttpRequest.newBuilder(beacons).POST(HttpRequest.BodyPublishers.ofString(
                beacon.formatted("s1", node.ticket("s1", null, "demo"), Long.MAX_VALUE))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(huge.statusCode()).as(huge.body()).isEqualTo(422);
        send(beacons, beacon.formatted("s2", node.ticket("s2", null, "demo"), 1));

        NodeState state = Json.MAPPER.readValue(get("/v1/snapshot").body(), AdminSnapshot.class).node();
        assertThat(state.global().httpBytes()).isEqualTo(1);
        assertThat(state.global().offloadRatio()).isZero();
    }

    private void send(URI uri, String json) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 202);
    }

    private HttpRequest.Builder authorized(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(authorized(base + path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
