package org.webp2p.server.origin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.webp2p.server.HostTools;

/**
 * The player page's pure logic (src/main/player/test, Node.js's own test runner): which rendition its
 * beacons name. Needs Node.js only, as the build does; skipped saying so without it, failed in CI.
 */
class PlayerScriptTest {
    private static final Path PLAYER = Path.of("src/main/player");

    @Test
    void thePlayersScriptTestsPass() throws Exception {
        List<String> missing = new ArrayList<>();
        if (!HostTools.runs("node", "--version")) {
            missing.add("Node.js (apt-get install nodejs npm)");
        }
        HostTools.require("the player's script tests", missing);
        Process p = new ProcessBuilder("node", "--test", "test/rendition.test.mjs").directory(PLAYER.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("node --test finished").isTrue();
        assertThat(p.exitValue()).as("node --test:%n%s", out).isZero();
        assertThat(out).contains("# fail 0").doesNotContain("# pass 0");
    }
}
