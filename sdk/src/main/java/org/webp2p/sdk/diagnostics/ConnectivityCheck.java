package org.webp2p.sdk.diagnostics;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.webp2p.nat.NatType;
import org.webp2p.protocol.api.SessionPlan;
import org.webp2p.rtmfp.RtmfpParams;
import org.webp2p.rtmfp.net.RtmfpEndpoint;
import org.webp2p.rtmfp.session.SessionListener;
import org.webp2p.sdk.nat.StartupNatProbe;

/**
 * A connectivity check a user or an app can run when P2P seems not to work: classifies the NAT
 * against the node's STUN servers and opens an RTMFP session to its rendezvous (a full handshake,
 * so UDP went both ways), then says in a {@link ConnectivityReport} which kinds of peer this device
 * can reach. It plays nothing and joins no swarm.
 *
 * <pre>{@code
 * ConnectivityReport r = source.checkConnectivity().get();
 * System.out.println(r.summary());
 * }</pre>
 */
public final class ConnectivityCheck {
    private static final int DEFAULT_PORT = 1935;
    private static final RtmfpParams PARAMS = RtmfpParams.defaults().toBuilder().openTimeoutMillis(5_000).build();

    private ConnectivityCheck() {
    }

    /** Runs the check against the STUN servers and the first rendezvous {@code plan} lists, if any. */
    public static CompletableFuture<ConnectivityReport> run(SessionPlan plan) {
        return run(plan.stun() == null ? List.of() : plan.stun(), plan.rendezvous() == null ? List.of() : plan.rendezvous());
    }

    /**
     * Runs the check against the STUN servers ({@code host:port}) and the first rendezvous
     * ({@code rtmfp://host:port/app}) a session plan lists.
     *
     * The check's RTMFP socket has a thread of its own, stopped when the check ends.
     */
    public static CompletableFuture<ConnectivityReport> run(List<String> stun, List<String> rendezvous) {
        CompletableFuture<NatType> nat = stun.isEmpty() ? CompletableFuture.completedFuture(NatType.UNKNOWN)
                : StartupNatProbe.quick().classify(stun, null).exceptionally(e -> NatType.UNKNOWN);
        if (rendezvous.isEmpty()) {
            return nat.thenApply(t -> new ConnectivityReport(t, null, false, "the plan names no rendezvous"));
        }
        URI uri = URI.create(rendezvous.get(0));
        InetSocketAddress node = new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort());
        String where = uri.getHost() + ":" + node.getPort();
        CompletableFuture<String> reached;
        try {
            RtmfpEndpoint endpoint = RtmfpEndpoint.builder().params(PARAMS).bind();
            // Closing waits for the endpoint's own thread, so it happens off it.
            reached = endpoint.connect(rendezvous.get(0), node, new SessionListener() { })
                    .handleAsync((session, failure) -> {
                        endpoint.close();
                        return failure == null ? null : "no answer: " + failure.getMessage();
                    });
        } catch (IOException e) {
            reached = CompletableFuture.completedFuture("no UDP socket: " + e.getMessage());
        }
        return nat.thenCombine(reached, (t, problem) -> new ConnectivityReport(t, where, problem == null, problem));
    }
}
