package org.webp2p.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.webp2p.protocol.admin.ServiceState;
import org.webp2p.server.TestNode;
import org.webp2p.server.service.EventLog;
import org.webp2p.server.store.Store;

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
}
