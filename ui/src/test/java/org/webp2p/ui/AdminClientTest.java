package org.webp2p.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.testfx.util.WaitForAsyncUtils.waitFor;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.webp2p.protocol.admin.ServiceAction;
import org.webp2p.protocol.admin.ServiceState;
import org.webp2p.server.HostileHttpServer;
import org.webp2p.server.TestNode;

class AdminClientTest {
    @Test
    void readsTheNodeAndSendsCommandsWithTheToken() throws Exception {
        try (TestNode node = TestNode.open(Map.of())) {
            node.runtime().services().startAll();
            RemoteNode remote = new RemoteNode(new AdminClient(admin(node), ConsoleFixture.adminToken(node)));

            NodeSource.Reading first = remote.read();
            assertThat(first.state().services()).extracting(s -> s.name()).contains("tracker", "admin");
            assertThat(first.newEvents()).as("a watcher starts from now").isEmpty();

            remote.control("tracker", ServiceAction.STOP);
            waitFor(5, TimeUnit.SECONDS,
                    () -> node.runtime().services().status("tracker").state() == ServiceState.STOPPED);
            assertThat(remote.read().newEvents()).anyMatch(e -> e.service().equals("tracker")
                    && e.to() == ServiceState.STOPPED);
            assertThat(remote.read().newEvents()).as("each event once").isEmpty();
            assertThat(remote.history(5)).first().satisfies(e -> assertThat(e.service()).isEqualTo("tracker"));
        }
    }

    @Test
    void refusedTokenAndUnreachableNodeAreReportedInWords() throws Exception {
        try (TestNode node = TestNode.open(Map.of())) {
            node.runtime().services().start("admin");
            AdminClient wrong = new AdminClient(admin(node), "guess");
            assertThatThrownBy(() -> wrong.snapshot(-1)).isInstanceOf(NodeSourceException.class)
                    .hasMessageContaining("refused the admin token");
            assertThatThrownBy(() -> wrong.control("tracker", ServiceAction.STOP)).isInstanceOf(NodeSourceException.class)
                    .hasMessageContaining("refused the admin token");
        }
        AdminClient nobody = new AdminClient(URI.create("http://127.0.0.1:" + TestNode.freePort()), "t");
        assertThatThrownBy(() -> nobody.snapshot(-1)).isInstanceOf(NodeSourceException.class)
                .hasMessageContaining("cannot reach http://127.0.0.1:");
    }

    @Test
    void anAnswerLargerThanTheLimitIsRefusedWhetherItsLengthIsDeclaredOrNot() throws Exception {
        byte[] snapshot;
        try (TestNode node = TestNode.open(Map.of())) {
            node.runtime().services().start("admin");
            snapshot = HttpClient.newHttpClient().send(HttpRequest.newBuilder(admin(node).resolve("/v1/snapshot"))
                    .header("Authorization", "Bearer " + ConsoleFixture.adminToken(node)).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body();
        }
        int limit = 1 << 20;
        // The node's true answer, padded with white space past the limit: valid JSON all the same.
        byte[] padded = Arrays.copyOf(snapshot, limit + 1);
        Arrays.fill(padded, snapshot.length, padded.length, (byte) ' ');
        for (boolean declared : new boolean[] {true, false}) {
            try (HostileHttpServer node = new HostileHttpServer(padded, declared)) {
                assertThatThrownBy(() -> new AdminClient(node.uri(), "t", limit).snapshot(-1))
                        .isInstanceOf(NodeSourceException.class).hasMessageContaining("larger than " + limit + " bytes");
                assertThat(new AdminClient(node.uri(), "t", 2 * limit).snapshot(-1).node().services())
                        .as("the same answer under a higher limit").isNotEmpty();
            }
        }
    }

    @Test
    void baseUrlMustBeHttpWithAHostAndNoQuery() {
        assertThat(AdminClient.checkedBase(URI.create("http://node:8084"))).hasToString("http://node:8084/");
        assertThat(AdminClient.checkedBase(URI.create("HTTPS://node/admin"))).hasToString("https://node/admin/");
        assertThatThrownBy(() -> AdminClient.checkedBase(URI.create("ftp://node:8084")))
                .hasMessageContaining("not an http:// or https:// URL");
        assertThatThrownBy(() -> AdminClient.checkedBase(URI.create("http:///v1"))).hasMessageContaining("no host");
        assertThatThrownBy(() -> AdminClient.checkedBase(URI.create("http://node:8084/?x=1")))
                .hasMessageContaining("query");
    }

    private static URI admin(TestNode node) {
        return URI.create("http://127.0.0.1:" + node.address("admin").getPort());
    }
}
