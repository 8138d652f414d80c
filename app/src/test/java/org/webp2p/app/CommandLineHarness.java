package org.webp2p.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.webp2p.server.TestNode;
import picocli.CommandLine;

/** Runs the real command line in-process with captured output and a throwaway data directory. */
abstract class CommandLineHarness {
    protected final StringWriter out = new StringWriter();
    protected final StringWriter err = new StringWriter();
    protected Path dir;

    @BeforeEach
    void makeDataDir() throws Exception {
        dir = Files.createTempDirectory("webp2p-cli");
    }

    @AfterEach
    void removeDataDir() throws Exception {
        TestNode.deleteTree(dir);
    }

    protected int run(String... args) {
        return new CommandLine(new WebP2pCommand())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
    }
}
