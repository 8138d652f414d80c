package org.webp2p.server.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.webp2p.server.ServerRuntime;
import org.webp2p.server.TestNode;
import org.webp2p.server.config.Config;
import org.webp2p.server.config.NetSettings;
import org.webp2p.server.config.TrackerSettings;
import org.webp2p.server.net.LeakDetection;

/**
 * Our tracker alone in its own JVM, for {@link WsTrackerBench}: prints {@code port N}; on a stdin line
 * {@code heap} collects garbage and prints {@code heap USED_BYTES RSS_BYTES}: the same protocol as the
 * npm server's script, so both are measured the same way from outside (CPU time from /proc).
 */
public final class WsTrackerBenchServer {
    public static void main(String[] args) throws Exception {
        // As the product's main does.
        LeakDetection.offUnlessAsked();
        Path dir = Files.createTempDirectory("webp2p-ws-bench");
        // Every bench socket comes from 127.0.0.1, so both per-address limits are lifted.
        Config config = Config.defaults().with(Config.loopbackOnFreePorts())
                .with(Map.of(TrackerSettings.WS_MAX_SOCKETS_PER_ADDRESS.name(), "1000000",
                        NetSettings.MAX_CONNECTIONS_PER_ADDRESS.name(), "1000000"));
        try (ServerRuntime node = ServerRuntime.open(config, dir, Clock.systemUTC())) {
            node.services().start("tracker");
            System.out.println("port " + node.services().status("tracker").primaryAddress().orElseThrow().getPort());
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.strip().equals("heap")) {
                    for (int i = 0; i < 3; i++) {
                        System.gc();
                        Thread.sleep(200);
                    }
                    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                    System.out.println("heap " + used + " " + rss());
                }
            }
        } finally {
            TestNode.deleteTree(dir);
        }
    }

    private static long rss() throws Exception {
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (l.startsWith("VmRSS:")) {
                return Long.parseLong(l.replaceAll("\\D", "")) * 1024;
            }
        }
        return -1;
    }
}
