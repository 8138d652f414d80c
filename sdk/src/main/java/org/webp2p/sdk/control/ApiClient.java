package org.webp2p.sdk.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.webp2p.protocol.Problem;
import org.webp2p.protocol.WireJson;
import org.webp2p.protocol.api.SessionPlan;
import org.webp2p.protocol.api.SessionRequest;
import org.webp2p.sdk.http.HttpFetcher;
import org.webp2p.sdk.http.HttpResult;

/** Talks to the API: opens a session for a stream and renews its plan. */
public final class ApiClient {
    /** Answers come from nodes that may be newer than this client: unknown fields are skipped. */
    static final ObjectMapper JSON = WireJson.tolerant();

    private final HttpFetcher http;
    private final URI base;
    private final Duration timeout;

    public ApiClient(HttpFetcher http, URI base, Duration timeout) {
        this.http = http;
        this.base = base;
        this.timeout = timeout;
    }

    /**
     * @param token  the API token, or null for a node that runs open
     * @param peerId the peer ID this client announces and beacons with, which the session's tickets then name;
     *               null for a client that joins no swarm, whose session then binds none
     */
    public CompletableFuture<SessionPlan> open(String stream, String token, String peerId) {
        return http.postJson(base.resolve("/v1/sessions"), bytes(new SessionRequest(stream, token, null, peerId)),
                        timeout)
                .thenApply(ApiClient::plan);
    }

    public CompletableFuture<SessionPlan> renew(String sessionId) {
        return http.get(base.resolve("/v1/sessions/" + sessionId), timeout).thenApply(ApiClient::plan);
    }

    private static SessionPlan plan(HttpResult r) {
        return read(r, SessionPlan.class);
    }

    /** The answer's body as {@code type}, or the refusal as a {@link ControlPlaneException}. */
    static <T> T read(HttpResult r, Class<T> type) {
        try {
            if (!r.ok()) {
                throw refusal(r);
            }
            return JSON.readValue(r.body(), type);
        } catch (IOException | ControlPlaneException e) {
            throw new CompletionException(e);
        }
    }

    static ControlPlaneException refusal(HttpResult r) {
        try {
            Problem p = JSON.readValue(r.body(), Problem.class);
            return new ControlPlaneException(r.status(), p.code(), p.reason().isEmpty() ? r.text() : p.reason());
        } catch (IOException | RuntimeException notAProblem) {
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
