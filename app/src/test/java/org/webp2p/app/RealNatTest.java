package org.webp2p.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.webp2p.server.config.ServiceName;
import org.webp2p.server.config.StunSettings;
import org.webp2p.server.http.Json;

/**
 * Real kernel NATs: Linux network namespaces joined by veth links, each home router an nftables
 * masquerade (port-restricted, as conntrack filters on the whole 5-tuple; {@code masquerade random}
 * gives a symmetric one). The node runs in a namespace of its own that stands for the internet, and
 * each viewer is the real launcher's {@code simulate --api} with one peer, run with
 * {@code ip netns exec} in a namespace behind a router: a JVM cannot put a socket into another
 * namespace, so the clients are child processes, as the node is. The clients classify their NATs
 * with STUN against the node, announce, and meet through its rendezvous; their JSON reports say
 * what every connection attempt did.
 *
 * <p>Needs root, {@code ip} and {@code nft}; elsewhere it is skipped with the reason. Every
 * namespace (and with it every link and address) is the test's own and is deleted afterwards,
 * whatever happened.
 */
class RealNatTest {
    private static final String NODE = "198.51.100.1";
    private static final String NODE_ALT = "198.51.100.2";
    private static final String OFFICE = "office";
    private static final String SYMMETRIC = "sym";
    /** Each client's output, kept after the run for whoever reads a failure. */
    private static final Path LOGS = Path.of("target", "real-nat");

    @Test
    void peersBehindOneNatMeetOnTheirLanConesMeetAcrossNatsAndSymmetricPairsAreNeverTried(@TempDir Path dir)
            throws Exception {
        NetNamespaces.require();
        Files.createDirectories(LOGS);
        Map<String, String> routerOfHost = new LinkedHashMap<>();
        List<Process> clients = new ArrayList<>();
        try (NetNamespaces net = new NetNamespaces()) {
            String inet = net.add("inet");
            net.ip(inet, "addr", "add", NODE + "/32", "dev", "lo");
            net.ip(inet, "addr", "add", NODE_ALT + "/32", "dev", "lo");
            net.forwarding(inet);
            // Three viewers in one office, two at homes of their own, one behind a symmetric NAT.
            String[] routers = {OFFICE, "home1", "home2", SYMMETRIC};
            int[] hosts = {3, 1, 1, 1};
            for (int r = 0; r < routers.length; r++) {
                String router = net.add(routers[r]);
                String wan = "203.0.113.";
                net.link(inet, "r" + r, wan + (4 * r + 1) + "/30", router, "wan", wan + (4 * r + 2) + "/30");
                net.ip(router, "route", "add", "default", "via", wan + (4 * r + 1));
                net.masquerade(router, "wan", routers[r].equals(SYMMETRIC));
                for (int h = 0; h < hosts[r]; h++) {
                    String host = net.add(routers[r] + "-h" + h);
                    String lan = "10." + r + "." + h + ".";
                    net.link(router, "lan" + h, lan + "1/24", host, "eth0", lan + "2/24");
                    net.ip(host, "route", "add", "default", "via", lan + "1");
                    routerOfHost.put(host, routers[r]);
                }
            }
            Map<String, String> settings = new HashMap<>();
            for (ServiceName s : ServiceName.values()) {
                if (s != ServiceName.ADMIN) {
                    settings.put(s.bind().name(), NODE);
                }
            }
            settings.put(StunSettings.ALT_BIND.name(), NODE_ALT);
            settings.put("api.open", "true");
            settings.put("api.public-host", NODE);
            settings.put("api.p2p-min-swarm", "0");
            settings.put("pingback.interval", "2s");
            Map<String, JsonNode> reports = new LinkedHashMap<>();
            try (NodeProcess node = NodeProcess.start(dir.resolve("node"), settings, NetNamespaces.inside(inet, List.of()))) {
                String api = "http://" + NODE + ":" + node.address("api").getPort();
                warmUp(inet, node.address("api").getPort());
                for (String host : routerOfHost.keySet()) {
                    String name = host.substring(host.indexOf('-') + 1);
                    Path report = LOGS.resolve(name + ".json");
                    Path log = LOGS.resolve(name + ".log");
                    clients.add(new ProcessBuilder(NetNamespaces.inside(host, NodeProcess.java(Main.class.getName(),
                            "simulate", "--api", api, "--peers", "1", "--duration", "40s", "--json", report.toString())))
                            .redirectErrorStream(true).redirectOutput(log.toFile()).start());
                    // One JVM starting at a time: STUN's quick probe allows 0.7 s a transaction, and six JVMs
                    // warming up at once on a small machine can starve the node's answers past that.
                    await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(log).contains("simulating"));
                }
                for (Process p : clients) {
                    assertThat(p.waitFor(150, TimeUnit.SECONDS)).as("client finished").isTrue();
                    assertThat(p.exitValue()).isZero();
                }
                for (String host : routerOfHost.keySet()) {
                    reports.put(host, Json.MAPPER.readTree(LOGS.resolve(host.substring(host.indexOf('-') + 1) + ".json").toFile()));
                }
            }
            check(routerOfHost, reports);
        } finally {
            clients.forEach(Process::destroyForcibly);
        }
    }

    /**
     * A cold node's first sessions take seconds (JIT, the store), past the SDK's 5 s patience on a busy
     * machine: a few sessions opened from the internet namespace first, with bash and no other tool.
     */
    private static void warmUp(String inet, int apiPort) throws IOException, InterruptedException {
        String body = "{\"stream\":\"demo\"}";
        String request = "POST /v1/sessions HTTP/1.1\\r\\nHost: " + NODE + "\\r\\nContent-Type: application/json\\r\\n"
                + "Content-Length: " + body.length() + "\\r\\nConnection: close\\r\\n\\r\\n" + body.replace("\"", "\\\"");
        String script = "exec 3<>/dev/tcp/" + NODE + "/" + apiPort + " && printf \"" + request + "\" >&3 && timeout 30 cat <&3";
        for (int i = 0; i < 3; i++) {
            new ProcessBuilder(NetNamespaces.inside(inet, List.of("bash", "-c", script)))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(40, TimeUnit.SECONDS);
        }
    }

    private static void check(Map<String, String> routerOfHost, Map<String, JsonNode> reports) {
        Map<String, String> routerOfPeer = new HashMap<>();
        Map<String, String> natOfPeer = new HashMap<>();
        reports.forEach((host, r) -> r.get("natTypes").fields().forEachRemaining(e -> {
            routerOfPeer.put(e.getKey(), routerOfHost.get(host));
            natOfPeer.put(e.getKey(), e.getValue().asText());
        }));
        assertThat(routerOfPeer).hasSize(routerOfHost.size());
        routerOfPeer.forEach((peer, router) -> assertThat(natOfPeer.get(peer)).as("STUN's verdict on %s", router)
                .isEqualTo(router.equals(SYMMETRIC) ? "SYMMETRIC" : "PORT_RESTRICTED_CONE"));

        List<JsonNode> sameNat = new ArrayList<>();
        List<JsonNode> across = new ArrayList<>();
        for (JsonNode r : reports.values()) {
            for (JsonNode a : r.get("attempts")) {
                String from = routerOfPeer.get(a.get("peerId").asText());
                String to = routerOfPeer.get(a.get("farPeerId").asText());
                assertThat(List.of(from, String.valueOf(to)))
                        .as("a symmetric NAT is never paired with a port-restricted one: %s", a).doesNotContain(SYMMETRIC);
                (from.equals(to) ? sameNat : across).add(a);
            }
        }
        // A peer that switched rendition meanwhile refuses a session for the swarm it left: the LAN path
        // worked, its answer is about the swarm, and says nothing of the NAT this test is about.
        assertThat(sameNat).as("attempts inside the office").filteredOn(a -> !"WRONG_SWARM".equals(a.path("reason").asText()))
                .isNotEmpty()
                .allSatisfy(a -> assertThat(a.get("outcome").asText()).as("%s", a).isEqualTo("LAN"));
        assertThat(sameNat).allSatisfy(a -> assertThat(a.get("sameNat").asBoolean()).as("the tracker saw one NAT").isTrue());
        assertThat(across).as("attempts between port-restricted NATs").isNotEmpty()
                .anySatisfy(a -> assertThat(a.get("outcome").asText()).isEqualTo("CONNECTED"));
    }
}
