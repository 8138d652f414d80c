package org.webp2p.app;

import static org.assertj.core.api.Assertions.assertThat;

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
    void setWithoutValueIsRefusedNotSilentlyEmpty() {
        assertThat(run("--headless", "--data-dir", dir.toString(), "--set", "admin.port")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("admin.port");
    }
}
