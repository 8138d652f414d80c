package org.webp2p.server.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webp2p.protocol.admin.PeerRecord;
import org.webp2p.protocol.admin.SwarmSummary;
import org.webp2p.server.TestNode;
import org.webp2p.server.http.Json;

class TrackerServiceTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private TestNode node;
    private URI announce;

    @BeforeEach
    void start() throws Exception {
        node = TestNode.open(Map.of("tracker.max-peers-per-address", "3", "tracker.max-swarms", "3"));
        node.runtime().services().start("tracker");
        announce = URI.create("http://127.0.0.1:" + node.address("tracker").getPort() + "/v1/announce");
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    private HttpResponse<String> post(String json) throws Exception {
        return http.send(HttpRequest.newBuilder(announce).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String ticket(String session, String peer, String stream) throws Exception {
        return node.ticket(session, peer, stream, Instant.now().plusSeconds(600));
    }

    /** A join by {@code peer}'s own session, "session-" and its ID. */
    private String join(String swarm, String peer, String nat) throws Exception {
        return join(swarm, peer, nat, node.ticket(peer, swarm));
    }

    private static String join(String swarm, String peer, String nat, String ticket) {
        return """
                {"swarm":"%s","peerId":"%s","event":"join","natType":"%s","addresses":["203.0.113.7:1935"],
                 "position":42,"have":{"first":40,"last":45},"uploadKbps":800,"ticket":"%s"}"""
                .formatted(swarm, peer, nat, ticket);
    }

    private static String leave(String swarm, String peer, String ticket) {
        return """
                {"swarm":"%s","peerId":"%s","event":"leave","ticket":"%s"}""".formatted(swarm, peer, ticket);
    }

    @Test
    void joinReturnsIntervalAndCompatiblePeersOfTheSameSwarmOnly() throws Exception {
        assertThat(post(join("demo", "p1", "SYMMETRIC")).statusCode()).isEqualTo(200);
        assertThat(post(join("demo", "p2", "FULL_CONE")).statusCode()).isEqualTo(200);
        assertThat(post(join("other", "x1", "OPEN")).statusCode()).isEqualTo(200);

        HttpResponse<String> r = post(join("demo", "p3", "SYMMETRIC"));
        JsonNode body = Json.MAPPER.readTree(r.body());
        assertThat(body.get("interval").asLong()).isEqualTo(15);
        assertThat(body.get("peers")).extracting(p -> p.get("peerId").asText()).containsExactly("p2");
        assertThat(body.get("swarmSize").asInt()).as("p1, p2 and the asker").isEqualTo(3);
        JsonNode p2 = body.get("peers").get(0);
        assertThat(p2.get("addresses").get(0).asText()).isEqualTo("203.0.113.7:1935");
        assertThat(p2.get("have").get("last").asLong()).isEqualTo(45);
        assertThat(p2.get("natType").asText()).isEqualTo("FULL_CONE");
    }

    @Test
    void badRequestsAreRefusedWithTheReason() throws Exception {
        HttpResponse<String> noSwarm = post("{\"peerId\":\"p\"}");
        assertThat(noSwarm.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(noSwarm.body()).get("reason").asText()).startsWith("swarm must be");

        assertThat(post("{\"swarm\":\"../etc\",\"peerId\":\"p\"}").statusCode()).isEqualTo(400);
        assertThat(post("{\"swarm\":\"demo/..\",\"peerId\":\"p\"}").statusCode()).isEqualTo(400);
        assertThat(post("{\"swarm\":\"demo//90p\",\"peerId\":\"p\"}").statusCode()).isEqualTo(400);
        assertThat(post("{\"swarm\":\"demo\",\"peerId\":\"p\",\"natType\":\"MARTIAN\"}").statusCode()).isEqualTo(400);
        assertThat(post("{\"swarm\":\"demo\",\"peerId\":\"p\",\"addresses\":[\"nohost\"]}").statusCode()).isEqualTo(400);
        assertThat(post("{\"swarm\":\"demo\",\"peerId\":\"p\",\"have\":{\"first\":9,\"last\":2}}").statusCode())
                .isEqualTo(400);
        assertThat(post("not json").statusCode()).isEqualTo(400);
        assertThat(post("").statusCode()).isEqualTo(400);
    }

    @Test
    void anAddressThatIsAHostNameIsRefusedWithTheReasonAndNothingIsRecorded() throws Exception {
        HttpResponse<String> r = post(join("demo", "p1", "OPEN").replace("203.0.113.7:1935", "peer.example:1935"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(r.body()).get("reason").asText())
                .contains("peer.example:1935").contains("host names are not taken");
        TrackerService tracker = node.runtime().services().service("tracker", TrackerService.class);
        assertThat(tracker.peers("demo")).isEmpty();
    }

    @Test
    void tooManyPeersFromOneAddressAreRefusedWith429() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(post(join("demo", "p" + i, "OPEN")).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> r = post(join("demo", "p9", "OPEN"));
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(Json.MAPPER.readTree(r.body()).get("code").asText()).isEqualTo("swarm_limit");
    }

    @Test
    void aSwarmBeyondTheMostSwarmsIsRefusedWith429AndCounted() throws Exception {
        for (String swarm : new String[] {"one", "two", "three"}) {
            assertThat(post(join(swarm, "p", "OPEN")).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> r = post(join("four", "p", "OPEN"));
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(Json.MAPPER.readTree(r.body()).get("code").asText()).isEqualTo("swarm_limit");
        assertThat(Json.MAPPER.readTree(r.body()).get("reason").asText()).contains("most swarms (3)");
        assertThat(node.runtime().services().status("tracker").metrics()).containsEntry("swarms", 3)
                .containsEntry("refused.swarms", 1L);
    }

    @Test
    void aLeaveForSomeoneElsesPeerIsRefusedAndThePeerStays() throws Exception {
        assertThat(post(join("demo", "victim", "OPEN")).statusCode()).isEqualTo(200);
        // A stranger with a genuine ticket of its own session, naming no peer, as a client may ask for.
        HttpResponse<String> r = post(leave("demo", "victim", ticket("s-stranger", null, "demo")));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(Json.MAPPER.readTree(r.body()).get("code").asText()).isEqualTo("not_owner");
        assertThat(post(leave("demo", "victim", ticket("s-stranger", "stranger", "demo"))).statusCode())
                .as("a ticket bound to another peer").isEqualTo(403);
        assertThat(post("{\"swarm\":\"demo\",\"peerId\":\"victim\",\"event\":\"leave\"}").statusCode())
                .as("no ticket at all").isEqualTo(401);

        TrackerService tracker = node.runtime().services().service("tracker", TrackerService.class);
        assertThat(tracker.peers("demo")).extracting(PeerRecord::peerId).containsExactly("victim");
        assertThat(node.runtime().services().status("tracker").metrics()).containsEntry("refused.not-owner", 1L)
                .containsEntry("refused.ticket", 2L);
    }

    @Test
    void aStrangerCannotOverwriteAPeersAddresses() throws Exception {
        assertThat(post(join("demo", "victim", "OPEN")).statusCode()).isEqualTo(200);
        String hijack = join("demo", "victim", "OPEN", ticket("s-stranger", null, "demo"))
                .replace("203.0.113.7:1935", "198.51.100.66:1935");
        HttpResponse<String> r = post(hijack);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(Json.MAPPER.readTree(r.body()).get("code").asText()).isEqualTo("not_owner");

        TrackerService tracker = node.runtime().services().service("tracker", TrackerService.class);
        assertThat(tracker.peers("demo")).singleElement()
                .satisfies(p -> assertThat(p.addresses()).containsExactly("203.0.113.7:1935"));
    }

    @Test
    void announcesWithoutAGenuineCurrentTicketForTheirSwarmAreRefused() throws Exception {
        HttpResponse<String> none = post("{\"swarm\":\"demo\",\"peerId\":\"p1\"}");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(Json.MAPPER.readTree(none.body()).get("code").asText()).isEqualTo("invalid_ticket");

        String good = ticket("session-p1", "p1", "demo");
        String forged = good.substring(0, good.length() - 2) + (good.endsWith("A") ? "BB" : "AA");
        assertThat(Json.MAPPER.readTree(post(join("demo", "p1", "OPEN", forged)).body()).get("code").asText())
                .isEqualTo("invalid_ticket");
        HttpResponse<String> expired = post(join("demo", "p1", "OPEN", node.ticket("session-p1", "p1", "demo",
                Instant.now().minusSeconds(1))));
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(Json.MAPPER.readTree(expired.body()).get("code").asText()).isEqualTo("ticket_expired");
        HttpResponse<String> otherStream = post(join("demo", "p1", "OPEN", ticket("session-p1", "p1", "cats")));
        assertThat(otherStream.statusCode()).isEqualTo(403);
        assertThat(Json.MAPPER.readTree(otherStream.body()).get("reason").asText()).contains("stream cats, not demo");

        TrackerService tracker = node.runtime().services().service("tracker", TrackerService.class);
        assertThat(tracker.swarms()).isEmpty();
    }

    @Test
    void liveViewAndMetricsFollowJoinsAndLeaves() throws Exception {
        post(join("demo", "p1", "OPEN"));
        post(join("demo", "p2", "OPEN"));
        TrackerService tracker = node.runtime().services().service("tracker", TrackerService.class);
        assertThat(tracker.swarms()).containsExactly(new SwarmSummary("demo", 2));
        assertThat(tracker.peers("demo")).extracting(PeerRecord::peerId).containsExactly("p1", "p2");

        post(leave("demo", "p1", ticket("session-p1", "p1", "demo")));
        assertThat(tracker.peers("demo")).hasSize(1);
        assertThat(node.runtime().services().status("tracker").metrics())
                .containsEntry("peers", 1).containsEntry("announces", 3L);

        node.runtime().services().stop("tracker");
        assertThat(tracker.swarms()).as("a stopped tracker knows no peers").isEmpty();
        assertThat(tracker.peers("demo")).isEmpty();
    }
}
