package org.webp2p.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.webp2p.server.TestNode;
import org.webp2p.server.admin.AdminToken;

class StatusCommandTest extends CommandLineHarness {

    @Test
    void readsTheLocalNodesAdminPortAndTokenFileFromItsConfigurationAndDataDirectory() throws Exception {
        try (TestNode node = TestNode.open(Map.of())) {
            node.runtime().services().startAll();
            int port = node.address("admin").getPort();

            int exit = run("status", "--data-dir", node.dataDir().toString(), "--set", "admin.port=" + port);

            assertThat(exit).as(err.toString()).isZero();
            assertThat(out.toString().lines()).hasSize(node.runtime().services().names().size())
                    .contains("service admin RUNNING 127.0.0.1:" + port)
                    .allMatch(l -> NodeProcess.LINE.matcher(l).matches());
        }
    }

    @Test
    void isOneWhenNoNodeAnswers() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.writeString(AdminToken.file(dir), "some-token");

        int exit = run("status", "--data-dir", dir.toString(), "--set", "admin.port=" + port);

        assertThat(exit).isEqualTo(ExitCodes.FAILURE);
        assertThat(err.toString()).contains("cannot reach http://127.0.0.1:" + port);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void isOneWhenNoNodeEverRanInTheDataDirectory() {
        int exit = run("status", "--data-dir", dir.toString());

        assertThat(exit).isEqualTo(ExitCodes.FAILURE);
        assertThat(err.toString()).contains(AdminToken.file(dir).toString());
    }

    @Test
    void aUrlThatIsNotOneIsABadOption() {
        assertThat(run("status", "--admin", "ftp://x", "--admin-token", "t")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--admin ftp://x");
    }
}
