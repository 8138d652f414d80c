package org.webp2p.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.webp2p.server.ServerRuntime;
import org.webp2p.server.config.Config;
import org.webp2p.server.config.ConfigException;
import org.webp2p.server.config.UiSettings;
import org.webp2p.server.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code webp2p}: the console with every service, or the same services headless. */
@Command(name = "webp2p", mixinStandardHelpOptions = true, version = "webp2p 0.1.0",
        subcommands = {TokenCommand.class, SimulateCommand.class, ConnectivityCommand.class, StatusCommand.class},
        description = "WebP2P Console: HLS origin, RTMFP rendezvous, tracker, pingback and API, "
                + "with a desktop console (default) or headless for servers.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:stopped cleanly (also on SIGTERM or Ctrl-C)",
            "1:could not run (store, file or start-up failure; headless: every enabled service failed to start)",
            "2:bad option or configuration (the message names the key)"})
final class WebP2pCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    NodeOptions node = new NodeOptions();

    @Option(names = "--headless", description = "Run the services without the desktop console.")
    boolean headless;

    @Option(names = "--self-test", description = "Start every enabled service on 127.0.0.1 and free ports "
            + "(in a temporary data directory and store unless --data-dir is given), send each one request, print "
            + "'self-test NAME ok|FAILED|skipped DETAIL' per service, stop, and exit 0 only if none failed. "
            + "Never opens the console.")
    boolean selfTest;

    @Option(names = "--watch", paramLabel = "URL", description = "Open the console on another node through its "
            + "admin endpoint (e.g. http://HOST:8084) instead of starting services here. Needs --admin-token or "
            + "--admin-token-file.")
    String watch;

    @Option(names = "--admin-token", paramLabel = "TOKEN", description = "The watched node's admin token "
            + "(its admin.token, or the content of its DATA_DIR/admin-token). Visible to other local users in the "
            + "process list: prefer --admin-token-file.")
    String adminToken;

    @Option(names = "--admin-token-file", paramLabel = "FILE", description = "A file holding the watched "
            + "node's admin token.")
    Path adminTokenFile;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (watch != null || adminToken != null || adminTokenFile != null) {
            return watch(err);
        }
        NodeOptions options = selfTest ? SelfTest.isolate(node) : node;
        Optional<Config> config = config(options, err);
        if (config.isEmpty()) {
            return ExitCodes.USAGE;
        }
        ServerRuntime runtime;
        try {
            runtime = ServerRuntime.open(config.get(), options.dataDir(), Clock.systemUTC());
        } catch (StoreException | IOException e) {
            err.println("webp2p: " + e.getMessage());
            return ExitCodes.FAILURE;
        }
        if (selfTest) {
            return new SelfTest(runtime, spec.commandLine().getOut()).run(node.dataDir == null);
        }
        if (headless) {
            return new HeadlessNode(runtime, spec.commandLine().getOut()).run();
        }
        return ConsoleMode.run(runtime);
    }

    private int watch(PrintWriter err) {
        WatchTarget target;
        try {
            if (watch == null) {
                throw new IllegalArgumentException("--admin-token and --admin-token-file only go with --watch URL");
            }
            if (headless || selfTest) {
                throw new IllegalArgumentException("--watch opens the console; it does not go with "
                        + (headless ? "--headless" : "--self-test"));
            }
            target = WatchTarget.of(watch, adminToken, adminTokenFile);
        } catch (IllegalArgumentException e) {
            err.println("webp2p: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        // Only the console's own keys (ui.poll-interval) matter here; the node's are on the node.
        Optional<Config> config = config(node, err);
        return config.isEmpty() ? ExitCodes.USAGE
                : ConsoleMode.watch(target, config.get().get(UiSettings.POLL_INTERVAL), node.dataDir());
    }

    /** The checked configuration, or empty after saying on {@code err} what is wrong with it. */
    private static Optional<Config> config(NodeOptions options, PrintWriter err) {
        try {
            return Optional.of(options.config());
        } catch (ConfigException e) {
            e.problems().forEach(p -> err.println("webp2p: configuration: " + p));
        } catch (IOException e) {
            err.println("webp2p: " + e.getMessage());
        }
        return Optional.empty();
    }
}
