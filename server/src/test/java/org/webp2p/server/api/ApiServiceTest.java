package org.webp2p.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webp2p.protocol.ClientKind;
import org.webp2p.server.MutableClock;
import org.webp2p.server.TestNode;
import org.webp2p.server.auth.SessionTicket;
import org.webp2p.server.auth.SessionTickets;
import org.webp2p.server.auth.TokenSecret;
import org.webp2p.server.http.Json;
import org.webp2p.server.pingback.PingbackService;
import org.webp2p.server.tracker.TrackerService;

class ApiServiceTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private TestNode node;

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    private void start(Map<String, String> config) throws Exception {
        start(config, Clock.systemUTC());
    }

    private void start(Map<String, String> config, Clock clock) throws Exception {
        node = TestNode.open(config, clock);
        node.runtime().services().startAll();
    }

    private String token(String stream, Instant expires) throws Exception {
        return token(stream, "test", Instant.now().minusSeconds(60), expires);
    }

    private String token(String stream, String subject, Instant issued, Instant expires) throws Exception {
        byte[] secret = TokenSecret.load(node.runtime().config(), node.dataDir());
        return new TokenCodec(secret).sign(new AccessToken(stream, subject, issued, expires));
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + node.address("api").getPort() + path);
        HttpRequest.BodyPublisher b = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        return http.send(HttpRequest.newBuilder(uri).method(method, b).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> openSession(String stream, String token) throws Exception {
        return send("POST", "/v1/sessions", token == null ? "{\"stream\":\"" + stream + "\"}"
                : "{\"stream\":\"" + stream + "\",\"token\":\"" + token + "\"}");
    }

    @Test
    void validTokenGetsASessionWithWorkingEndpoints() throws Exception {
        start(Map.of());
        HttpResponse<String> r = openSession("demo", token("demo", Instant.now().plusSeconds(600)));
        assertThat(r.statusCode()).isEqualTo(201);
        JsonNode s = Json.MAPPER.readTree(r.body());
        assertThat(s.get("sessionId").asText()).hasSizeGreaterThan(16);
        assertThat(s.get("swarm").asText()).isEqualTo("demo");
        assertThat(s.get("pingbackIntervalMs").asLong()).isEqualTo(10_000);
        assertThat(s.get("stun")).hasSize(1);

        String playlist = s.get("playlistUrls").get(0).asText();
        assertThat(playlist).as("the demo has renditions: players open its master playlist")
                .isEqualTo("http://127.0.0.1:" + node.address("origin").getPort() + "/live/demo/master.m3u8");
        HttpResponse<String> m3u8 = http.send(HttpRequest.newBuilder(URI.create(playlist)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(m3u8.statusCode()).isEqualTo(200);
        assertThat(m3u8.body()).startsWith("#EXTM3U").contains("180p/index.m3u8", "90p/index.m3u8");

        String tracker = s.get("trackerUrl").asText();
        HttpResponse<String> announce = http.send(HttpRequest.newBuilder(URI.create(tracker))
                .POST(HttpRequest.BodyPublishers.ofString("{\"swarm\":\"demo\",\"peerId\":\"p1\",\"ticket\":\""
                        + s.get("ticket").asText() + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(announce.statusCode()).isEqualTo(200);
        assertThat(s.get("pingbackUrl").asText()).endsWith(":" + node.address("pingback").getPort() + "/v1/beacons");
    }

    @Test
    void aStreamWithoutRenditionsIsOpenedByItsOwnPlaylist() throws Exception {
        start(Map.of());
        JsonNode s = Json.MAPPER.readTree(openSession("demo-hd", null).body());
        assertThat(s.get("playlistUrls").get(0).asText()).endsWith("/live/demo-hd/index.m3u8");
        assertThat(s.get("swarm").asText()).isEqualTo("demo-hd");
    }

    @Test
    void oneTicketCoversTheSwarmOfEachRenditionOfItsStreamAndTheScheduleCountsThemAll() throws Exception {
        start(Map.of());
        JsonNode s = Json.MAPPER.readTree(openSession("demo", token("demo", Instant.now().plusSeconds(600))).body());
        URI tracker = URI.create(s.get("trackerUrl").asText());
        String ticket = s.get("ticket").asText();
        for (String swarm : new String[] {"demo/90p", "demo-hd"}) {
            HttpResponse<String> announce = http.send(HttpRequest.newBuilder(tracker)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"swarm\":\"" + swarm + "\",\"peerId\":\"p1\",\"ticket\":\""
                            + ticket + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(announce.statusCode()).as(swarm).isEqualTo(swarm.equals("demo/90p") ? 200 : 403);
        }
        TrackerService t = node.runtime().services().service("tracker", TrackerService.class);
        assertThat(t.peers("demo/90p")).hasSize(1);
        assertThat(t.peersOfStream("demo")).hasSize(1);
        assertThat(t.peersOfStream("demo-hd")).isEmpty();
    }

    @Test
    void refusesExpiredTamperedMissingAndWrongScopeTokens() throws Exception {
        start(Map.of("api.open-streams", ""));
        HttpResponse<String> expired = openSession("demo", token("demo", Instant.now().minusSeconds(1)));
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(Json.MAPPER.readTree(expired.body()).get("code").asText()).isEqualTo("token_expired");

        String good = token("demo", Instant.now().plusSeconds(600));
        String tampered = good.substring(0, good.length() - 2) + (good.endsWith("A") ? "BB" : "AA");
        HttpResponse<String> bad = openSession("demo", tampered);
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(Json.MAPPER.readTree(bad.body()).get("code").asText()).isEqualTo("invalid_token");

        assertThat(openSession("demo", null).statusCode()).isEqualTo(401);

        HttpResponse<String> scope = openSession("demo", token("sports", Instant.now().plusSeconds(600)));
        assertThat(scope.statusCode()).isEqualTo(403);
        assertThat(Json.MAPPER.readTree(scope.body()).get("reason").asText()).contains("not demo");
        assertThat(node.runtime().services().status("api").metrics()).containsEntry("refusedTokens", 4L);
    }

    @Test
    void theThousandAndFirstSessionOfOneSubjectIsRefusedWhileOtherSubjectsStillGetOne() throws Exception {
        start(Map.of("api.open-streams", ""));
        Instant now = Instant.now();
        for (int i = 0; i < 1000; i++) {
            // A token each, as a subject renewing its tokens would have: the quota is the subject's.
            String t = token("demo", "alice", now.minusSeconds(i), now.plusSeconds(600));
            assertThat(openSession("demo", t).statusCode()).as("session %d", i + 1).isEqualTo(201);
        }
        HttpResponse<String> refused = openSession("demo", token("demo", "alice", now, now.plusSeconds(900)));
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(Json.MAPPER.readTree(refused.body()).get("code").asText()).isEqualTo("subject_limit");
        assertThat(openSession("demo", token("demo", "bob", now, now.plusSeconds(600))).statusCode()).isEqualTo(201);
        assertThat(node.runtime().services().status("api").metrics()).containsEntry("refusedSubjectLimit", 1L)
                .containsEntry("sessions", 1001);
    }

    @Test
    void renewingASessionAfterItsTokenExpiredIsRefusedAndTheSessionIsGone() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        start(Map.of("api.open-streams", ""), clock);
        String t = token("demo", "viewer", clock.instant(), clock.instant().plusSeconds(60));
        String id = Json.MAPPER.readTree(openSession("demo", t).body()).get("sessionId").asText();
        clock.advance(Duration.ofSeconds(59));
        HttpResponse<String> renewed = send("GET", "/v1/sessions/" + id, null);
        assertThat(renewed.statusCode()).isEqualTo(200);
        String ticket = Json.MAPPER.readTree(renewed.body()).get("ticket").asText();
        SessionTickets tickets = new SessionTickets(TokenSecret.load(node.runtime().config(), node.dataDir()));
        assertThat(tickets.verify(ticket, clock.instant().plusSeconds(1)))
                .as("a ticket ends with the token, not api.ticket-ttl later").isInstanceOf(SessionTickets.Refused.class);

        clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> expired = send("GET", "/v1/sessions/" + id, null);
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(Json.MAPPER.readTree(expired.body()).get("code").asText()).isEqualTo("token_expired");
        assertThat(send("GET", "/v1/sessions/" + id, null).statusCode()).isEqualTo(404);
    }

    @Test
    void aCallerWithoutAValidTokenCannotTellAnUnknownStreamFromAKnownOne() throws Exception {
        start(Map.of("api.open-streams", ""));
        String good = token("*", Instant.now().plusSeconds(600));
        String forged = good.substring(0, good.length() - 2) + (good.endsWith("A") ? "BB" : "AA");
        String expired = token("*", Instant.now().minusSeconds(1));
        for (String bad : new String[] {forged, expired, "", "not-a-token"}) {
            HttpResponse<String> known = openSession("demo", bad);
            HttpResponse<String> unknown = openSession("no-such-stream", bad);
            assertThat(known.statusCode()).as(bad).isEqualTo(401);
            assertThat(unknown.statusCode()).as(bad).isEqualTo(known.statusCode());
            assertThat(unknown.body()).as(bad).isEqualTo(known.body());
        }
        assertThat(openSession("no-such-stream", good).statusCode()).as("a valid token may learn it").isEqualTo(404);
    }

    @Test
    void unknownStreamIs404AndBadBodyIs400() throws Exception {
        start(Map.of());
        assertThat(openSession("nope", token("*", Instant.now().plusSeconds(600))).statusCode()).isEqualTo(404);
        assertThat(send("POST", "/v1/sessions", "{\"token\":\"x\"}").statusCode()).isEqualTo(400);
        assertThat(send("POST", "/v1/sessions", "[1,2]").statusCode()).isEqualTo(400);
    }

    @Test
    void theDemoPlaysWithoutATokenOnADefaultNodeButAGivenTokenIsStillChecked() throws Exception {
        start(Map.of());
        assertThat(openSession("demo", null).statusCode()).isEqualTo(201);
        assertThat(openSession("demo", "forged.token").statusCode()).isEqualTo(401);
    }

    @Test
    void browserSessionsGetP2pAtOnceWithoutRendezvousAndTheirBeaconsKeepTheirKind() throws Exception {
        start(Map.of());
        HttpResponse<String> r = send("POST", "/v1/sessions", "{\"stream\":\"demo\",\"client\":\"browser\"}");
        assertThat(r.statusCode()).isEqualTo(201);
        JsonNode plan = Json.MAPPER.readTree(r.body());
        assertThat(plan.get("p2p").get("enabled").asBoolean()).as("alone in the swarm, still joins it").isTrue();
        assertThat(plan.get("rendezvous")).isEmpty();
        assertThat(plan.get("trackerUrl").asText()).endsWith(":" + node.address("tracker").getPort() + "/v1/announce");

        String id = plan.get("sessionId").asText();
        String beacon = """
                {"beacons":[{"sessionId":"%s","ticket":"%s","peerId":"-PM0203-abcdefghijkl","swarm":"demo",
                 "httpBytes":1000,"p2pBytes":500,"uploadedBytes":0,"playedMs":8000,"stalls":0,"stallMs":0,
                 "bufferMs":6000,"client":"browser"}]}""".formatted(id, plan.get("ticket").asText());
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + node.address("pingback").getPort() + "/v1/beacons"))
                .POST(HttpRequest.BodyPublishers.ofString(beacon)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).isEqualTo(202);
        PingbackService pingback = node.runtime().services().service("pingback", PingbackService.class);
        assertThat(pingback.session(id)).hasValueSatisfying(h -> assertThat(h.client()).isEqualTo(ClientKind.BROWSER));

        JsonNode renewed = Json.MAPPER.readTree(send("GET", "/v1/sessions/" + id, null).body());
        assertThat(renewed.get("p2p").get("enabled").asBoolean()).isTrue();
        assertThat(send("POST", "/v1/sessions", "{\"stream\":\"demo\",\"client\":\"toaster\"}").body())
                .contains("client must be");
    }

    @Test
    void answersCorsPreflightsSoPagesOnOtherOriginsCanCallIt() throws Exception {
        start(Map.of());
        for (String service : new String[] {"api", "pingback"}) {
            HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + node.address(service).getPort() + (service.equals("api") ? "/v1/sessions" : "/v1/beacons")))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "http://player.example")
                    .header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "content-type").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(preflight.statusCode()).as(service).isEqualTo(200);
            assertThat(preflight.headers().firstValue("access-control-allow-origin")).as(service).hasValue("*");
            assertThat(preflight.headers().firstValue("access-control-allow-methods").orElse(""))
                    .as(service).contains("POST");
            assertThat(preflight.headers().firstValue("access-control-allow-headers").orElse("").toLowerCase())
                    .as(service).contains("content-type");
        }
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + node.address("api").getPort() + "/v1/sessions")).header("Origin", "http://player.example")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("access-control-allow-origin"))
                .as("errors are readable by the page too").hasValue("*");
    }

    @Test
    void openModeNeedsNoToken() throws Exception {
        start(Map.of("api.open", "true"));
        assertThat(openSession("demo", null).statusCode()).isEqualTo(201);
    }

    @Test
    void planFollowsTheSwarmAndTheClientsOwnStalls() throws Exception {
        start(Map.of("api.open", "true"));
        JsonNode first = Json.MAPPER.readTree(openSession("demo", null).body());
        String id = first.get("sessionId").asText();
        assertThat(first.get("p2p").get("enabled").asBoolean()).isFalse();
        assertThat(first.get("p2p").get("prefetchSegments").asInt()).isEqualTo(6);
        assertThat(first.get("p2p").get("segmentsBehindLive").asInt()).isEqualTo(3);

        String beacon = """
                {"beacons":[{"sessionId":"%s","ticket":"%s","swarm":"demo","httpBytes":1000,"p2pBytes":0,
                 "uploadedBytes":0,"playedMs":8000,"stalls":2,"stallMs":1500,"bufferMs":0}]}"""
                .formatted(id, first.get("ticket").asText());
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + node.address("pingback").getPort() + "/v1/beacons"))
                .POST(HttpRequest.BodyPublishers.ofString(beacon)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).isEqualTo(202);

        JsonNode again = Json.MAPPER.readTree(send("GET", "/v1/sessions/" + id, null).body());
        assertThat(again.get("sessionId").asText()).isEqualTo(id);
        assertThat(again.get("p2p").get("prefetchSegments").asInt()).isEqualTo(3);
        assertThat(again.get("p2p").get("reasons").toString()).contains("2 stall(s) (1500 ms)");
        ApiService api = node.runtime().services().service("api", ApiService.class);
        assertThat(api.decisions()).hasSize(2).last().satisfies(d -> assertThat(d.sessionId()).isEqualTo(id));

        assertThat(send("GET", "/v1/sessions/unknown", null).statusCode()).isEqualTo(404);
    }

    @Test
    void loadReportsTheLocalTrackerAndRendezvous() throws Exception {
        start(Map.of());
        JsonNode load = Json.MAPPER.readTree(send("GET", "/v1/load", null).body());
        assertThat(load.get("trackers").get(0).get("capacity").asLong()).isEqualTo(10_000);
        JsonNode rendezvous = load.get("rendezvous").get(0);
        assertThat(rendezvous.get("address").asText()).startsWith("rtmfp://127.0.0.1:").endsWith("/webp2p");
        assertThat(rendezvous.get("used").asLong()).isZero();
        assertThat(rendezvous.get("capacity").asLong()).isEqualTo(10_000);
    }

    @Test
    void sessionTimeToLiveIsConfigurable() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        start(Map.of("api.open", "true", "api.session-ttl", "1s"), clock);
        String id = Json.MAPPER.readTree(openSession("demo", null).body()).get("sessionId").asText();

        clock.advance(Duration.ofMillis(1000));
        assertThat(send("GET", "/v1/sessions/" + id, null).statusCode()).as("kept for its time to live").isEqualTo(200);
        clock.advance(Duration.ofMillis(1000));
        assertThat(send("GET", "/v1/sessions/" + id, null).statusCode()).as("each request renews it").isEqualTo(200);
        clock.advance(Duration.ofMillis(1001));
        assertThat(send("GET", "/v1/sessions/" + id, null).statusCode()).isEqualTo(404);
    }

    @Test
    void eachPlanCarriesAFreshTicketForItsSessionPeerAndStreamThatAnyNodeWithTheSecretChecks() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        start(Map.of("api.ticket-ttl", "2m"), clock);
        Instant began = clock.instant();
        JsonNode plan = Json.MAPPER.readTree(send("POST", "/v1/sessions",
                "{\"stream\":\"demo\",\"peerId\":\"peer-1\"}").body());
        String id = plan.get("sessionId").asText();
        SessionTickets tickets = new SessionTickets(TokenSecret.load(node.runtime().config(), node.dataDir()));
        SessionTicket expected = new SessionTicket(id, "peer-1", "demo", "", began, began.plus(Duration.ofMinutes(2)));
        assertThat(tickets.verify(plan.get("ticket").asText(), clock.instant()))
                .isEqualTo(new SessionTickets.Valid(expected));

        clock.advance(Duration.ofMinutes(1));
        String renewed = Json.MAPPER.readTree(send("GET", "/v1/sessions/" + id, null).body()).get("ticket").asText();
        assertThat(tickets.verify(renewed, began.plus(Duration.ofMinutes(2))))
                .as("the renewed ticket outlives the first; the session still began when it began")
                .isEqualTo(new SessionTickets.Valid(new SessionTicket(id, "peer-1", "demo", "", began,
                        began.plus(Duration.ofMinutes(3)))));
        assertThat(tickets.verify(plan.get("ticket").asText(), began.plus(Duration.ofMinutes(2))))
                .isInstanceOf(SessionTickets.Refused.class);
        assertThat(send("POST", "/v1/sessions", "{\"stream\":\"demo\",\"peerId\":\"no spaces\"}").statusCode())
                .isEqualTo(400);
    }
}
