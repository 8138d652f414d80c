package org.webp2p.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webp2p.server.TestNode;
import org.webp2p.server.http.Json;
import org.webp2p.server.service.ServiceState;

class AdminServiceTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private TestNode node;
    private String base;

    @BeforeEach
    void start() throws Exception {
        node = TestNode.open(Map.of());
        node.runtime().services().startAll();
        base = "http://127.0.0.1:" + node.address("admin").getPort();
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
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/services"))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(Json.MAPPER.readTree(r.body()).get("reason").asText()).contains("use GET");
    }

    @Test
    void badQueryValueIs400() throws Exception {
        assertThat(get("/v1/events?limit=lots").statusCode()).isEqualTo(400);
        assertThat(get("/v1/events?limit=0").statusCode()).isEqualTo(400);
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
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/services/admin/restart"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(202);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            var s = node.runtime().services().status("admin");
            if (s.state() == ServiceState.RUNNING && s.since().isAfter(before)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("admin was not restarted: " + node.runtime().services().status("admin"));
    }

    @Test
    void unknownServiceOrActionIsRefused() throws Exception {
        assertThat(get("/v1/services/ghost").statusCode()).isEqualTo(404);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/services/admin/explode"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
