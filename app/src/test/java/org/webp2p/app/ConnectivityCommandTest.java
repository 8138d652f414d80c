package org.webp2p.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.webp2p.server.TestNode;

class ConnectivityCommandTest extends CommandLineHarness {

    @Test
    void saysInPlainWordsWhatThisMachineReachesOfARunningNode() throws Exception {
        try (TestNode node = TestNode.open(Map.of())) {
            node.runtime().services().startAll();

            int exit = run("connectivity", "--api", "http://127.0.0.1:" + node.address("api").getPort());

            assertThat(exit).as(err.toString()).isZero();
            assertThat(out.toString()).contains("UDP reaches the rendezvous at 127.0.0.1:"
                    + node.address("rendezvous").getPort(), "Playback never waits for peers");
        }
    }

    @Test
    void isOneWithTheReasonWhenTheApiDoesNotAnswer() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }

        int exit = run("connectivity", "--api", "http://127.0.0.1:" + port);

        assertThat(exit).isEqualTo(ExitCodes.FAILURE);
        assertThat(err.toString()).startsWith("webp2p connectivity: ");
        assertThat(out.toString()).isEmpty();
    }
}
