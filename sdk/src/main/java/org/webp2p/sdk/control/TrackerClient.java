package org.webp2p.sdk.control;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.webp2p.sdk.http.HttpFetcher;
import org.webp2p.sdk.http.HttpResult;

/** Announces this peer to its swarm's tracker and learns which peers to try. */
public final class TrackerClient {
    private final HttpFetcher http;
    private final URI announceUrl;
    private final Duration timeout;

    /** A peer the tracker offered. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Peer(String peerId, String natType, List<String> addresses, long position, Range have,
                       int uploadKbps) {
    }

    /** Segments a peer holds, both ends included. */
    public record Range(long first, long last) {
    }

    /** The tracker's answer: when to announce again, whom to try, and how many peers the swarm has. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Answer(long interval, List<Peer> peers, int swarmSize) {
    }

    public TrackerClient(HttpFetcher http, URI announceUrl, Duration timeout) {
        this.http = http;
        this.announceUrl = announceUrl;
        this.timeout = timeout;
    }

    /**
     * @param event    {@code join}, {@code update} or {@code leave}
     * @param have     segments held, or null
     */
    public CompletableFuture<Answer> announce(String swarm, String peerId, String event, String natType,
                                              List<String> addresses, long position, Range have, int uploadKbps) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("swarm", swarm);
        body.put("peerId", peerId);
        body.put("event", event);
        body.put("natType", natType);
        body.put("addresses", addresses);
        body.put("position", Math.max(0, position));
        body.put("have", have);
        body.put("uploadKbps", uploadKbps);
        return http.postJson(announceUrl, ApiClient.bytes(body), timeout).thenApply(TrackerClient::answer);
    }

    private static Answer answer(HttpResult r) {
        try {
            if (!r.ok()) {
                throw ApiClient.refusal(r);
            }
            return ApiClient.JSON.readValue(r.body(), Answer.class);
        } catch (IOException | ControlPlaneException e) {
            throw new CompletionException(e);
        }
    }
}
