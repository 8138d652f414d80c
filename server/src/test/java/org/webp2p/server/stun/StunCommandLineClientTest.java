package org.webp2p.server.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Interoperability with an independent implementation: Debian's {@code stun} client (package
 * {@code stun-client}, the RFC 3489 client from the Vovida stund project) runs its NAT tests
 * against the service on loopback. Skipped where the binary is missing, except in CI.
 */
class StunCommandLineClientTest {

    @Test
    void debianStunClientFindsNoNatOnLoopback() throws Exception {
        boolean installed = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> new File(dir, "stun").canExecute());
        if (!"true".equals(System.getenv("CI"))) {
            assumeThat(installed).as("stun binary (apt-get install stun-client)").isTrue();
        }
        assertThat(installed).as("stun binary (apt-get install stun-client) is required in CI").isTrue();

        try (RunningStunService stun = RunningStunService.fourSockets()) {
            // It sends classic RFC 3489 requests and needs CHANGED-ADDRESS, hence the four sockets.
            Process client = new ProcessBuilder("stun", "127.0.0.1:" + stun.primary().getPort(), "-v")
                    .redirectErrorStream(true)
                    .start();
            String output;
            try {
                output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(client.waitFor(60, TimeUnit.SECONDS)).isTrue();
            } finally {
                client.destroy();
            }

            assertThat(output).contains("test I = 1", "test II = 1", "test III = 1", "is nat  = 0",
                    "Primary: Open");
            // Its exit status is the NAT type code; 1 is StunTypeOpen.
            assertThat(client.exitValue()).isEqualTo(1);
            assertThat(stun.metric("responses.classic-binding-success")).isPositive();
            assertThat(stun.metric("responses.unknown-attribute")).isZero();
        }
    }
}
