package org.webp2p.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.webp2p.server.TestNode;

/** {@code --self-test} end to end: real services on loopback, real HTTP and STUN requests. */
class SelfTestTest extends CommandLineHarness {
    private List<String> lines() {
        return out.toString().lines().toList();
    }

    @Test
    void everyServiceAnswersOnLoopbackEvenWhenItsConfiguredPortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int code = run("--headless", "--self-test", "--data-dir", dir.toString(),
                    "--set", "admin.port=" + taken.getLocalPort(), "--set", "origin.bind=0.0.0.0");

            assertThat(code).as("exit code; stderr: %s", err).isEqualTo(ExitCodes.OK);
        }
        assertThat(lines()).allMatch(l -> l.matches("self-test \\S+ (ok|skipped) .+"))
                .anyMatch(l -> l.startsWith("self-test admin ok GET /health 200 in "))
                .anyMatch(l -> l.startsWith("self-test tracker ok GET /health 200 in "))
                .anyMatch(l -> l.startsWith("self-test pingback ok GET /health 200 in "))
                .anyMatch(l -> l.startsWith("self-test origin ok GET /live/demo/index.m3u8 200 in "))
                .anyMatch(l -> l.matches("self-test stun ok Binding mapped 127\\.0\\.0\\.1:\\d+ in \\d+ ms"))
                .anyMatch(l -> l.matches("self-test rtmp ok handshake and connect in \\d+ ms"));
        assertThat(dir.resolve("db")).as("the given data directory is kept").exists();
    }

    @Test
    void withoutDataDirUsesATemporaryStoreRemovedAfterwardsAndSkipsDisabledServices() {
        String tmp = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", dir.toString());
        try {
            int code = run("--self-test", "--set", "tracker.enabled=false",
                    "--set", "store.url=jdbc:h2:tcp://127.0.0.1:1/unreachable");

            assertThat(code).as("exit code; stderr: %s", err).isEqualTo(ExitCodes.OK);
        } finally {
            System.setProperty("java.io.tmpdir", tmp);
        }
        assertThat(lines()).contains("self-test tracker skipped disabled")
                .anyMatch(l -> l.startsWith("self-test admin ok "));
        assertThat(dir).as("the self-test's own data directory is gone").isEmptyDirectory();
    }

    @Test
    void serviceThatCannotStartFailsTheTest() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             TestNode node = TestNode.open(Map.of("admin.port", Integer.toString(taken.getLocalPort())))) {
            StringWriter report = new StringWriter();
            SelfTest test = new SelfTest(node.runtime(), new PrintWriter(report, true));

            List<SelfTestCheck> checks = test.checkAll();

            assertThat(checks).filteredOn(SelfTestCheck::failed).singleElement()
                    .satisfies(c -> assertThat(c.line()).startsWith("self-test admin FAILED did not start: address"));
            assertThat(report.toString()).contains("self-test tracker ok ");
        }
    }

    @Test
    void badConfigurationIsStillAUsageError() {
        assertThat(run("--self-test", "--set", "pingback.window=soon")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("pingback.window");
    }

    @Test
    void helpDescribesTheSelfTest() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("--self-test", "ok|FAILED|skipped");
    }
}
