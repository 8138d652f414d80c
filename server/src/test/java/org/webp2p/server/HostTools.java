package org.webp2p.server;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** The programs end-to-end tests drive (ffmpeg, Node.js, Chromium): there on this machine or not. */
public final class HostTools {
    private HostTools() {
    }

    /** Whether {@code command} runs and exits 0 within 30 s. */
    public static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Goes on when nothing is missing. Otherwise fails in CI, where .ci/run installs every tool, and
     * skips on a developer's machine; both say what is missing and how to get it.
     */
    public static void require(String test, List<String> missing) {
        if (missing.isEmpty()) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(test + " needs " + String.join(", ", missing));
        }
        Assumptions.abort(test + " skipped, missing: " + String.join(", ", missing));
    }
}
