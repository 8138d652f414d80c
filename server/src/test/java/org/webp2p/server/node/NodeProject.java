package org.webp2p.server.node;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.webp2p.server.HostTools;

/**
 * The npm tooling under {@code src/test/node}, installed into {@code target/node-interop} with the
 * exact versions of its lock file, and Node.js scripts run from there. Tests that use it are skipped,
 * saying why, on a machine without {@code node} and {@code npm} ({@code .ci/run} installs both).
 */
public final class NodeProject {
    private static final Path SOURCE = Path.of("src/test/node");
    private static final Path HOME = Path.of("target/node-interop");
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);

    private final Path dir;

    private NodeProject(Path dir) {
        this.dir = dir;
    }

    /** What a script printed and how it ended. */
    public record Result(int exitCode, String stdout, String stderr) {
        public List<String> lines() {
            return stdout.lines().toList();
        }
    }

    /** Copies the scripts and installs their packages unless the same lock file was installed already. */
    public static synchronized NodeProject installed() throws IOException, InterruptedException {
        assumeTrue(HostTools.runs("node", "--version"), "node is not installed: skipping the npm interop test (.ci/run installs it)");
        assumeTrue(HostTools.runs("npm", "--version"), "npm is not installed: skipping the npm interop test (.ci/run installs it)");
        Files.createDirectories(HOME);
        Path lock = SOURCE.resolve("package-lock.json");
        Path installedLock = HOME.resolve("package-lock.json");
        boolean current = Files.isDirectory(HOME.resolve("node_modules")) && Files.exists(installedLock)
                && Files.mismatch(lock, installedLock) == -1;
        try (Stream<Path> files = Files.list(SOURCE)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, HOME.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        NodeProject project = new NodeProject(HOME.toAbsolutePath());
        if (!current) {
            // --ignore-scripts: node-datachannel's install script would download a native binary
            // from outside the registry; the scripts here never load it.
            Result r = project.exec(INSTALL_TIMEOUT, null, List.of("npm", "ci", "--ignore-scripts", "--no-audit",
                    "--no-fund", "--loglevel=error"));
            if (r.exitCode() != 0) {
                throw new IOException("npm ci failed in " + HOME + ": " + r.stderr());
            }
        }
        return project;
    }

    public Path dir() {
        return dir;
    }

    /** Runs {@code node ARGS...} here, feeding {@code stdin} when it is not null. */
    public Result node(Duration timeout, String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("node");
        command.addAll(List.of(args));
        return exec(timeout, stdin, command);
    }

    private Result exec(Duration timeout, String stdin, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("node-out", ".txt");
        Path err = Files.createTempFile("node-err", ".txt");
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try (OutputStream in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                throw new IOException(String.join(" ", command) + " did not finish within " + timeout
                        + "; it printed: " + Files.readString(out) + Files.readString(err));
            }
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
