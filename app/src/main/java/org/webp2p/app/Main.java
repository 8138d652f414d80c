package org.webp2p.app;

import org.webp2p.server.net.LeakDetection;
import picocli.CommandLine;

/**
 * Entry point. A plain class rather than the JavaFX {@code Application} so the console can start
 * with JavaFX on the class path, and headless mode never loads JavaFX at all.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        LeakDetection.offUnlessAsked();
        System.exit(run(args));
    }

    static int run(String... args) {
        return new CommandLine(new WebP2pCommand()).execute(args);
    }
}
