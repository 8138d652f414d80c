package org.webp2p.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.webp2p.protocol.admin.ServiceState;
import org.webp2p.server.MutableClock;
import org.webp2p.server.TestNode;
import org.webp2p.server.http.Json;

/** Two real nodes: the first sends clients to the second's tracker once its own is full. */
class ClusterSchedulingTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private TestNode first;
    private TestNode second;

    @AfterEach
    void stop() throws Exception {
        if (first != null) {
            first.close();
        }
        second.close();
    }

    private JsonNode plan(TestNode node) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + node.address("api").getPort() + "/v1/sessions");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri)
                .POST(HttpRequest.BodyPublishers.ofString("{\"stream\":\"demo\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(201);
        return Json.MAPPER.readTree(r.body());
    }

    @Test
    void sendsClientsToWhicheverNodeHasTheMostRoomNow() throws Exception {
        second = TestNode.open(Map.of("api.open", "true", "tracker.max-swarm-peers", "3"));
        second.runtime().services().startAll();
        first = TestNode.open(Map.of("api.open", "true", "tracker.max-swarm-peers", "5", "api.cluster-poll", "200ms",
                "api.cluster", "http://127.0.0.1:" + second.address("api").getPort()));
        first.runtime().services().startAll();
        await("the first node has the second's load").atMost(Duration.ofSeconds(5))
                .until(() -> plan(first).get("p2p").get("reasons").toString(), containsString("among 2"));

        String localTracker = ":" + first.address("tracker").getPort() + "/v1/announce";
        String remoteTracker = ":" + second.address("tracker").getPort() + "/v1/announce";
        assertThat(plan(first).get("trackerUrl").asText()).as("5 free here, 3 there").endsWith(localTracker);

        for (int i = 0; i < 3; i++) {
            http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + first.address("tracker").getPort()
                    + "/v1/announce")).POST(HttpRequest.BodyPublishers.ofString(
                            "{\"swarm\":\"demo\",\"peerId\":\"p" + i + "\",\"ticket\":\""
                                    + first.ticket("p" + i, "demo") + "\"}")).build(),
                    HttpResponse.BodyHandlers.discarding());
        }
        JsonNode full = plan(first);
        assertThat(full.get("trackerUrl").asText()).endsWith(remoteTracker);
        assertThat(full.get("p2p").get("reasons").toString()).contains("among 2");
    }

    @Test
    void aSilentNodeDropsOutOfTheChoices() throws Exception {
        second = TestNode.open(Map.of("api.open", "true"));
        second.runtime().services().startAll();
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        first = TestNode.open(Map.of("api.open", "true", "tracker.enabled", "false", "api.cluster-poll", "200ms",
                "api.cluster", "http://127.0.0.1:" + second.address("api").getPort()), clock);
        first.runtime().services().startAll();
        String remoteTracker = ":" + second.address("tracker").getPort() + "/v1/announce";
        await("the first node has the second's load").atMost(Duration.ofSeconds(5))
                .until(() -> plan(first).get("trackerUrl").asText(), endsWith(remoteTracker));

        second.runtime().services().stop("api");
        // Three missed polls pass on the first node's clock; moving it again at each check also ages
        // an answer that was already on its way when the API stopped.
        await("the silent node dropped").atMost(Duration.ofSeconds(5)).until(() -> {
            clock.advance(Duration.ofMillis(601));
            return plan(first).get("trackerUrl").isNull();
        });
        assertThat(first.runtime().services().status("tracker").state()).isEqualTo(ServiceState.STOPPED);
    }

    @Test
    void badClusterUrlFailsTheApiWithTheReason() throws Exception {
        second = TestNode.open(Map.of("api.cluster", "ftp://elsewhere"));
        assertThat(second.runtime().services().start("api").lastError())
                .contains("api.cluster").contains("ftp://elsewhere");
        assertThatThrownBy(() -> ClusterLoads.parse("http://ok:1, nonsense")).hasMessageContaining("nonsense");
    }
}
