package org.webp2p.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webp2p.protocol.admin.ServiceState;
import org.webp2p.server.TestNode;
import org.webp2p.server.service.EventLog;
import org.webp2p.server.store.Store;
import picocli.CommandLine;

/** Runs the real launcher in its own JVM, as a service manager would. */
class HeadlessNodeTest {
    private Path dir;
    private NodeProcess node;

    @BeforeEach
    void makeDir() throws Exception {
        dir = Files.createTempDirectory("webp2p-headless");
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (node != null) {
            node.close();
        }
        TestNode.deleteTree(dir);
    }

    @Test
    void printsOneLinePerServiceServesAndStopsCleanlyOnSigterm() throws Exception {
        node = NodeProcess.start(dir, Map.of());

        assertThat(node.serviceLines()).isNotEmpty().allMatch(l -> NodeProcess.LINE.matcher(l).matches());
        InetSocketAddress admin = node.address("admin");
        assertThat(admin.getHostString()).isEqualTo("127.0.0.1");
        assertThat(admin.getPort()).isNotZero();

        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin.getPort() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        BufferedReader out = node.output();
        String tokenLine = out.readLine();
        assertThat(tokenLine).isEqualTo("admin-token " + dir.toAbsolutePath().resolve("admin-token"));
        String token = Files.readString(Path.of(tokenLine.substring("admin-token ".length()))).trim();
        HttpResponse<String> services = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin.getPort() + "/v1/services"))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(services.statusCode()).as("the printed token opens admin").isEqualTo(200);

        // SIGTERM, leaving our end of the pipes open to read the rest
        assertThat(node.stop()).as("exits 0 after SIGTERM").isZero();
        List<String> rest = out.lines().toList();
        assertThat(rest).contains("service admin STOPPED -").last().isEqualTo("stopped");

        try (Store store = Store.open(Store.embeddedUrl(dir), "sa", "")) {
            assertThat(EventLog.in(store).recent(1).get(0).to()).as("the stop reached the event log")
                    .isEqualTo(ServiceState.STOPPED);
        }
    }

    @Test
    void exitsOneAfterPrintingEachReasonWhenEveryServiceFindsItsPortTaken() throws Exception {
        Map<String, String> settings = new LinkedHashMap<>();
        List<AutoCloseable> taken = new ArrayList<>();
        try {
            for (String tcp : List.of("origin", "api", "tracker", "pingback", "admin", "rtmp")) {
                ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                taken.add(s);
                settings.put(tcp + ".port", Integer.toString(s.getLocalPort()));
            }
            for (String udp : List.of("rendezvous.port", "stun.port", "stun.alt-port")) {
                DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                taken.add(s);
                settings.put(udp, Integer.toString(s.getLocalPort()));
            }

            node = NodeProcess.start(dir, settings);
            int exit = node.awaitExit();

            List<String> printed = node.serviceLines();
            assertThat(exit).as("exit code, after %s", printed).isEqualTo(ExitCodes.FAILURE);
            List<String> services = printed.stream().filter(l -> l.startsWith("service ")).toList();
            assertThat(services).hasSize(8).allSatisfy(l -> assertThat(l).contains(" FAILED ")
                    .containsAnyOf("address already in use", "needs "));
            for (String name : List.of("origin", "api", "tracker", "pingback", "admin", "rendezvous", "stun")) {
                assertThat(services).as("the reason of " + name).anySatisfy(l -> assertThat(l)
                        .startsWith("service " + name + " FAILED - address already in use"));
            }
            assertThat(printed).noneMatch(l -> l.startsWith("ready")).contains("stopped")
                    .anySatisfy(l -> assertThat(l).startsWith("failed every enabled service failed to start (8)"));
        } finally {
            for (AutoCloseable s : taken) {
                s.close();
            }
        }
    }

    @Test
    void runsOnWithOneServiceFailedAndStatusPrintsItFromTheAdminEndpoint() throws Exception {
        try (ServerSocket origin = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            node = NodeProcess.start(dir, Map.of("origin.port", Integer.toString(origin.getLocalPort())));
            InetSocketAddress admin = node.address("admin");
            assertThat(node.process().isAlive()).as("runs on").isTrue();

            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = new CommandLine(new WebP2pCommand()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                    .execute("status", "--admin", "http://127.0.0.1:" + admin.getPort(),
                            "--admin-token-file", dir.resolve("admin-token").toString());

            assertThat(exit).as(err.toString()).isZero();
            List<String> lines = out.toString().lines().toList();
            assertThat(lines).containsExactlyInAnyOrderElementsOf(node.serviceLines());
            assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("service origin FAILED - address already in use"))
                    .contains("service admin RUNNING 127.0.0.1:" + admin.getPort());
            assertThat(node.stop()).isZero();
        }
    }
}
