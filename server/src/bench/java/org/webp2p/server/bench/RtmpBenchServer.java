package org.webp2p.server.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.webp2p.server.ServerRuntime;
import org.webp2p.server.TestNode;
import org.webp2p.server.config.Config;
import org.webp2p.server.config.OriginSettings;
import org.webp2p.server.net.LeakDetection;
import org.webp2p.server.origin.OriginService;
import org.webp2p.server.rtmp.RtmpService;

/**
 * RTMP ingest alone (the origin and the RTMP service, nothing else) in its own JVM, for
 * {@code run-rtmp-vs-nginx.sh}: prints {@code ports ORIGIN RTMP} once listening, then runs until its
 * standard input closes. Publishers use the key {@code bench}; the script reads its CPU time from
 * /proc, as it does nginx's.
 */
public final class RtmpBenchServer {
    private RtmpBenchServer() {
    }

    public static void main(String[] args) throws Exception {
        // As the product's main does.
        LeakDetection.offUnlessAsked();
        Path dir = Files.createTempDirectory("webp2p-rtmp-bench");
        Config config = Config.defaults().with(Config.loopbackOnFreePorts())
                .with(Map.of(OriginSettings.PUBLISH_KEY.name(), "bench"));
        try (ServerRuntime node = ServerRuntime.open(config, dir, Clock.systemUTC())) {
            node.services().start(RtmpService.NAME);
            System.out.println("ports " + port(node, OriginService.NAME) + " " + port(node, RtmpService.NAME));
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            while (in.readLine() != null) {
                // Runs until the script closes standard input.
            }
        } finally {
            TestNode.deleteTree(dir);
        }
    }

    private static int port(ServerRuntime node, String service) {
        return node.services().status(service).primaryAddress()
                .orElseThrow(() -> new IllegalStateException(service + " did not start: "
                        + node.services().status(service).lastError())).getPort();
    }
}
