package org.webp2p.sdk.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.webp2p.sdk.http.HttpFetcher;
import org.webp2p.sdk.http.HttpResult;

/** Talks to the API: opens a session for a stream and renews its plan. */
public final class ApiClient {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpFetcher http;
    private final URI base;
    private final Duration timeout;

    public ApiClient(HttpFetcher http, URI base, Duration timeout) {
        this.http = http;
        this.base = base;
        this.timeout = timeout;
    }

    public CompletableFuture<SessionPlan> open(String stream, String token) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("stream", stream);
        if (token != null) {
            body.put("token", token);
        }
        return http.postJson(base.resolve("/v1/sessions"), bytes(body), timeout).thenApply(ApiClient::plan);
    }

    public CompletableFuture<SessionPlan> renew(String sessionId) {
        return http.get(base.resolve("/v1/sessions/" + sessionId), timeout).thenApply(ApiClient::plan);
    }

    private static SessionPlan plan(HttpResult r) {
        try {
            if (!r.ok()) {
                throw refusal(r);
            }
            return JSON.readValue(r.body(), SessionPlan.class);
        } catch (IOException | ControlPlaneException e) {
            throw new CompletionException(e);
        }
    }

    static ControlPlaneException refusal(HttpResult r) {
        try {
            JsonNode e = JSON.readTree(r.body());
            return new ControlPlaneException(r.status(), e.path("code").asText(""), e.path("reason").asText(r.text()));
        } catch (IOException notJson) {
            return new ControlPlaneException(r.status(), "", "HTTP " + r.status());
        }
    }

    static byte[] bytes(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
