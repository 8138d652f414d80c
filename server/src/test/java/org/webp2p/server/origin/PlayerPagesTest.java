package org.webp2p.server.origin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webp2p.server.TestNode;
import org.webp2p.server.http.Json;

/** The player page and script as a browser gets them from a node's origin. */
class PlayerPagesTest {
    private static final Pattern CONFIG = Pattern.compile(
            "<script type=\"application/json\" id=\"webp2p-page\">(.*?)</script>");
    private static final Pattern SCRIPT = Pattern.compile("<script src=\"(/play/webp2p-player\\.js\\?v=[0-9a-f]+)\">");

    private final HttpClient http = HttpClient.newHttpClient();
    private TestNode node;

    @BeforeEach
    void start() throws Exception {
        node = TestNode.open(Map.of());
        node.runtime().services().startAll();
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + node.address("origin").getPort() + path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse("");
    }

    @Test
    void thePageNamesItsStreamAndWhereTheApiListensAndIsRevalidatedByEtag() throws Exception {
        HttpResponse<String> page = get("/play/demo?muted=1&p2p=0");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(header(page, "content-type")).startsWith("text/html");
        assertThat(header(page, "cache-control")).isEqualTo("no-cache");
        assertThat(page.body()).contains("<title>demo · WebP2P</title>").doesNotContain("{{");
        Matcher config = CONFIG.matcher(page.body());
        assertThat(config.find()).isTrue();
        JsonNode c = Json.MAPPER.readTree(config.group(1));
        assertThat(c.get("stream").asText()).isEqualTo("demo");
        assertThat(c.get("apiPort").asInt()).isEqualTo(node.address("api").getPort());

        HttpResponse<String> again = get("/play/demo", "If-None-Match", header(page, "etag"));
        assertThat(again.statusCode()).isEqualTo(304);

        node.runtime().services().stop("api");
        HttpResponse<String> noApi = get("/play/demo");
        assertThat(noApi.body()).contains("\"apiPort\":null");
        assertThat(header(noApi, "etag")).as("a changed page is a new representation").isNotEqualTo(header(page, "etag"));
    }

    @Test
    void theScriptIsCachedBrieflyAtItsPlainUrlAndForGoodAtTheVersionedOneThePageLinks() throws Exception {
        Matcher link = SCRIPT.matcher(get("/play/news").body());
        assertThat(link.find()).as("the page links the bundle").isTrue();

        HttpResponse<String> versioned = get(link.group(1));
        assertThat(versioned.statusCode()).isEqualTo(200);
        assertThat(header(versioned, "content-type")).startsWith("text/javascript");
        assertThat(header(versioned, "cache-control")).contains("immutable");
        assertThat(versioned.body()).contains("WebP2P").hasSizeGreaterThan(100_000);

        HttpResponse<String> plain = get("/play/webp2p-player.js", "Origin", "https://operator.example");
        assertThat(header(plain, "cache-control")).isEqualTo("public, max-age=300");
        assertThat(header(plain, "etag")).isEqualTo(header(versioned, "etag"));
        assertThat(header(plain, "access-control-allow-origin")).isEqualTo("*");
        assertThat(get("/play/webp2p-player.js?v=stale").headers().firstValue("cache-control"))
                .hasValue("public, max-age=300");
    }

    @Test
    void namesThatAreNotStreamsAre404WithTheReason() throws Exception {
        for (String path : new String[] {"/play/", "/play/a/b", "/play/..", "/play/x%3Cscript%3E"}) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.body()).as(path).contains("/play/<stream>");
        }
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + node.address("origin").getPort() + "/play/demo")).POST(HttpRequest.BodyPublishers.ofString("x"))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isBetween(400, 499);
    }
}
