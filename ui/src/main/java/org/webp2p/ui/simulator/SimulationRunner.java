package org.webp2p.ui.simulator;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.webp2p.sdk.sim.SimulationReport;
import org.webp2p.sdk.sim.SwarmSimulator;
import org.webp2p.server.ServerRuntime;
import org.webp2p.server.api.ApiService;
import org.webp2p.server.api.TokenIssuer;

/**
 * Runs the SDK's swarm simulator against the node the console manages, through its own API as any
 * player would, each peer with a token the node itself signs. Blocking: callers keep it off the FX thread.
 */
final class SimulationRunner {
    private final ServerRuntime node;
    private volatile SwarmSimulator current;

    SimulationRunner(ServerRuntime node) {
        this.node = node;
    }

    /**
     * Plays the plan to its end, or until {@link #stop}, and reports what the peers experienced.
     *
     * @throws IOException when the node's API is not running, so there is nothing to play from
     */
    SimulationReport run(SimulationPlan plan, Consumer<String> progress) throws IOException, InterruptedException {
        URI api = api();
        TokenIssuer issuer = new TokenIssuer(node.config(), node.dataDir(), Clock.systemUTC());
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        try {
            progress.accept("simulating " + plan.peers() + " peers on " + plan.stream() + " for "
                    + plan.duration().toSeconds() + "s against " + api);
            // A subject per peer: with churn a run starts more peers than one subject may hold sessions.
            SwarmSimulator simulator = new SwarmSimulator(api, plan.stream(),
                    peer -> issuer.issue(plan.stream(), "console-simulator-" + peer, plan.duration().plusHours(1)), group);
            current = simulator;
            return simulator.run(plan.peers(), plan.mix(), plan.churnPerMinute(), plan.duration(), progress);
        } finally {
            current = null;
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    /** Ends the running simulation early; {@link #run} then returns the report of what ran. */
    void stop() {
        SwarmSimulator s = current;
        if (s != null) {
            s.stop();
        }
    }

    private URI api() throws IOException {
        var status = node.services().status(ApiService.NAME);
        InetSocketAddress bound = status.primaryAddress()
                .orElseThrow(() -> new IOException("the API service is not running; start it on the Services page"));
        // A wildcard bind is reachable on loopback, where the simulated peers live anyway.
        InetAddress host = bound.getAddress().isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : bound.getAddress();
        String literal = host.getHostAddress();
        return URI.create("http://" + (literal.contains(":") ? "[" + literal + "]" : literal) + ":" + bound.getPort());
    }
}
