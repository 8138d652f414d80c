package org.webp2p.server.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webp2p.protocol.admin.NodeState;
import org.webp2p.server.TestNode;
import org.webp2p.server.admin.NodeStateReader;
import org.webp2p.server.tracker.TrackerService;

/** Every HTTP service over TLS from PEM files made at run time, the tracker's WebSocket as wss. */
class ServerTlsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    private TestNode node;

    @AfterEach
    void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    private void start(SelfSignedPem pem, Map<String, String> more) throws Exception {
        Map<String, String> settings = new HashMap<>(more);
        settings.put("tls.cert", pem.cert().toString());
        settings.put("tls.key", pem.key().toString());
        settings.put("api.open", "true");
        node = TestNode.open(settings);
        for (String s : new String[] {"origin", "tracker", "pingback", "api", "admin"}) {
            node.runtime().services().start(s);
        }
    }

    private static HttpClient client(SSLContext trust) {
        return HttpClient.newBuilder().sslContext(trust).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private URI uri(String scheme, String service, String path) {
        return URI.create(scheme + "://127.0.0.1:" + node.address(service).getPort() + path);
    }

    @Test
    void everyHttpServiceAnswersHttpsAndAnHttpsSessionGetsHttpsAndWssLinks() throws Exception {
        SelfSignedPem pem = SelfSignedPem.create(dir, "first");
        start(pem, Map.of());
        HttpClient https = client(pem.trustingClient());

        for (String s : new String[] {"api", "tracker", "pingback", "admin"}) {
            HttpResponse<String> r = https.send(HttpRequest.newBuilder(uri("https", s, "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(s).isEqualTo(200);
            assertThat(r.sslSession()).isPresent();
        }
        HttpResponse<String> playlist = https.send(HttpRequest.newBuilder(uri("https", "origin",
                "/live/demo/index.m3u8")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(playlist.body()).startsWith("#EXTM3U");

        HttpResponse<String> session = https.send(HttpRequest.newBuilder(uri("https", "api", "/v1/sessions"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"stream\":\"demo\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode plan = JSON.readTree(session.body());
        assertThat(plan.get("playlistUrls").get(0).asText()).startsWith("https://");
        assertThat(plan.get("pingbackUrl").asText()).startsWith("https://");
        assertThat(plan.get("trackerUrl").asText()).startsWith("https://");
        assertThat(plan.get("webTrackerUrl").asText())
                .isEqualTo("wss://127.0.0.1:" + node.address("tracker").getPort() + TrackerService.WS_PATH);

        HttpResponse<String> plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri("http", "api",
                "/v1/sessions")).POST(HttpRequest.BodyPublishers.ofString("{\"stream\":\"demo\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(plain.body()).get("webTrackerUrl").asText())
                .as("plain HTTP stays plain: SDK clients and tools").startsWith("ws://");
    }

    @Test
    void theConsoleIsGivenHttpsUrlsOfTheOriginAndApiThatAnswerOnThePublicHost() throws Exception {
        SelfSignedPem pem = SelfSignedPem.create(dir, "console");
        start(pem, Map.of("api.public-host", "localhost"));
        HttpClient https = client(pem.trustingClient());

        NodeState.OriginAccess access = new NodeStateReader(node.runtime().services()).read().origin().orElseThrow();

        assertThat(access.baseUrl()).isEqualTo("https://localhost:" + node.address("origin").getPort());
        assertThat(access.apiUrl()).isEqualTo("https://localhost:" + node.address("api").getPort());
        HttpResponse<String> page = https.send(HttpRequest.newBuilder(URI.create(access.baseUrl() + "/play/demo"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        HttpResponse<String> health = https.send(HttpRequest.newBuilder(URI.create(access.apiUrl() + "/health"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    @Test
    void aWssAnnounceIsAnswered() throws Exception {
        SelfSignedPem pem = SelfSignedPem.create(dir, "wss");
        start(pem, Map.of());
        CompletableFuture<String> reply = new CompletableFuture<>();
        WebSocket ws = client(pem.trustingClient()).newWebSocketBuilder()
                .buildAsync(uri("wss", "tracker", TrackerService.WS_PATH), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        reply.complete(data.toString());
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);

        ws.sendText("{\"action\":\"announce\",\"info_hash\":\"/OhCf44068LyQuGuhQ4O\",\"peer_id\":"
                + "\"-PM0203-wsswsswsswss\",\"event\":\"started\",\"offers\":[]}", true).join();

        assertThat(JSON.readTree(reply.get(10, TimeUnit.SECONDS)).get("interval").asInt()).isEqualTo(120);
    }

    @Test
    void withTlsRequiredPlainHttpIsRefused() throws Exception {
        SelfSignedPem pem = SelfSignedPem.create(dir, "strict");
        start(pem, Map.of("tls.require", "true"));

        assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri("http", "api", "/health"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
        assertThat(client(pem.trustingClient()).send(HttpRequest.newBuilder(uri("https", "api", "/health")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    @Test
    void aRenewedCertificateIsServedToNewConnectionsAndAHalfWrittenOneIsNot() throws Exception {
        SelfSignedPem first = SelfSignedPem.create(dir.resolve("live"), "renewal");
        start(first, Map.of());
        SelfSignedPem second = SelfSignedPem.create(dir.resolve("next"), "renewal-2");

        // certbot-like renewal caught half way: the new certificate beside the old key.
        Files.copy(second.cert(), first.cert(), StandardCopyOption.REPLACE_EXISTING);
        waitFor(() -> node.runtime().services().status("api").metrics().get("tls.reload-failures").longValue() > 0);
        assertThat(served(first)).as("the old pair stays").isEqualTo(first.certificate());

        Files.copy(second.key(), first.key(), StandardCopyOption.REPLACE_EXISTING);
        waitFor(() -> node.runtime().services().status("api").metrics().get("tls.reloads").longValue() > 0);
        assertThat(served(second)).isEqualTo(second.certificate());
    }

    /** The certificate a fresh connection to the API is shown. */
    private X509Certificate served(SelfSignedPem trusted) throws Exception {
        HttpResponse<String> r = client(trusted.trustingClient()).send(HttpRequest.newBuilder(uri("https", "api",
                "/health")).build(), HttpResponse.BodyHandlers.ofString());
        return (X509Certificate) r.sslSession().orElseThrow().getPeerCertificates()[0];
    }

    private static void waitFor(Callable<Boolean> check) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(check);
    }
}
