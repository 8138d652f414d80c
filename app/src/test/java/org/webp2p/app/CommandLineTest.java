package org.webp2p.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CommandLineTest extends CommandLineHarness {
    @Test
    void invalidValueIsRefusedWithKeyAndReasonAndExitCode2() {
        int code = run("--headless", "--data-dir", dir.toString(), "--set", "origin.port=99999");
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("origin.port").contains("0 to 65535").contains("99999");
        assertThat(dir.resolve("db")).as("nothing was opened").doesNotExist();
    }

    @Test
    void badValueInTheConfigFileNamesTheFile() throws Exception {
        Path file = dir.resolve("node.properties");
        Files.writeString(file, "# test\napi.enabled = sometimes\n");
        int code = run("--headless", "--data-dir", dir.toString(), "--config", file.toString());
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("api.enabled: must be true or false").contains(file.toString());
    }

    @Test
    void missingConfigFileIsAUsageError() {
        int code = run("--headless", "--config", dir.resolve("absent.properties").toString());
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("absent.properties does not exist");
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThat(run("--frobnicate")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--frobnicate");
    }

    @Test
    void helpListsOptionsAndExitCodes() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("--headless", "--data-dir", "--config", "--set", "Exit codes:");
    }

    @Test
    void subcommandHelpRendersWithoutPicocliWarnings() {
        PrintStream original = System.err;
        ByteArrayOutputStream tracer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(tracer, true, StandardCharsets.UTF_8));
        try {
            assertThat(run("simulate", "--help")).isZero();
        } finally {
            System.setErr(original);
        }
        assertThat(out.toString()).contains("--churn", "10%/min");
        assertThat(tracer.toString(StandardCharsets.UTF_8)).doesNotContain("WARN");
    }

    @Test
    void setWithoutValueIsRefusedNotSilentlyEmpty() {
        assertThat(run("--headless", "--data-dir", dir.toString(), "--set", "admin.port")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("admin.port");
    }

    @Test
    void watchWithoutATokenIsRefusedNamingTheOptions() {
        assertThat(run("--watch", "http://127.0.0.1:8084")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--admin-token").contains("--admin-token-file");
    }

    @Test
    void watchOfSomethingThatIsNotAnHttpUrlIsRefused() {
        assertThat(run("--watch", "ftp://node:8084", "--admin-token", "t")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("ftp://node:8084").contains("http://HOST:8084");
        err.getBuffer().setLength(0);
        assertThat(run("--watch", "http://no host", "--admin-token", "t")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("not a URL");
        err.getBuffer().setLength(0);
        assertThat(run("--watch", "node:8084", "--admin-token", "t")).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void unreadableOrEmptyTokenFileIsRefused() throws Exception {
        Path missing = dir.resolve("no-token");
        assertThat(run("--watch", "http://127.0.0.1:8084", "--admin-token-file", missing.toString()))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("no-token").contains("cannot be read");
        Path empty = Files.writeString(dir.resolve("empty-token"), "\n");
        assertThat(run("--watch", "http://127.0.0.1:8084", "--admin-token-file", empty.toString()))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("empty-token is empty");
    }

    @Test
    void tokenOptionsOnlyGoWithWatchAndWatchNotWithHeadless() {
        assertThat(run("--headless", "--admin-token", "t")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("only go with --watch");
        assertThat(run("--watch", "http://127.0.0.1:8084", "--admin-token", "t", "--headless"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("does not go with --headless");
        assertThat(run("--watch", "http://127.0.0.1:8084", "--admin-token", "t", "--admin-token-file", "f"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("not both");
    }

    @Test
    void watchTargetKeepsTheUrlPathAndTrimsTheTokenFile() throws Exception {
        Path file = Files.writeString(dir.resolve("admin-token"), "  abc123\n");
        WatchTarget t = WatchTarget.of("http://node.example:9000/admin", null, file);
        assertThat(t.adminUrl()).hasToString("http://node.example:9000/admin/");
        assertThat(t.token()).isEqualTo("abc123");
    }
}
