package org.webp2p.sdk.control;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.webp2p.protocol.tracker.AnnounceAnswer;
import org.webp2p.protocol.tracker.AnnounceRequest;
import org.webp2p.sdk.http.HttpFetcher;

/** Announces this peer to its swarm's tracker and learns which peers to try. */
public final class TrackerClient {
    private final HttpFetcher http;
    private final URI announceUrl;
    private final Duration timeout;

    public TrackerClient(HttpFetcher http, URI announceUrl, Duration timeout) {
        this.http = http;
        this.announceUrl = announceUrl;
        this.timeout = timeout;
    }

    public CompletableFuture<AnnounceAnswer> announce(AnnounceRequest request) {
        return http.postJson(announceUrl, ApiClient.bytes(request), timeout)
                .thenApply(r -> ApiClient.read(r, AnnounceAnswer.class));
    }
}
