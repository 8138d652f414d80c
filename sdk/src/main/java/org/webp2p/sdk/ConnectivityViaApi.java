package org.webp2p.sdk;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.webp2p.protocol.api.SessionPlan;
import org.webp2p.sdk.control.ApiClient;
import org.webp2p.sdk.diagnostics.ConnectivityCheck;
import org.webp2p.sdk.diagnostics.ConnectivityReport;
import org.webp2p.sdk.http.HttpFetcher;

/**
 * The connectivity check for a caller that knows only a node's API address (a terminal, the
 * console), not a playing source. Here and not in {@code diagnostics}, which the API client's
 * package depends on: asking the API from there would make the two packages a cycle.
 */
public final class ConnectivityViaApi {
    private ConnectivityViaApi() {
    }

    /**
     * Asks the node's API at {@code api} for a session for {@code stream} (joining no swarm: no peer
     * ID), then runs the check against what its plan lists. For a terminal or a console that knows
     * only the node's address. The HTTP client's thread is stopped when the plan has come or failed.
     *
     * @param token the API token, or null for a node that runs open
     */
    public static CompletableFuture<ConnectivityReport> check(URI api, String stream, @Nullable String token,
                                                               Duration apiTimeout) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        CompletableFuture<SessionPlan> plan;
        try {
            plan = new ApiClient(new HttpFetcher(group, null), api, apiTimeout).open(stream, token, null);
        } catch (RuntimeException e) {
            plan = CompletableFuture.failedFuture(e);
        }
        return plan.whenComplete((p, failure) -> group.shutdownGracefully(0, 1, TimeUnit.SECONDS))
                .thenCompose(ConnectivityCheck::run);
    }
}
