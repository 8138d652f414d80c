package org.webp2p.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.webp2p.server.ServerRuntime;
import org.webp2p.server.config.Config;
import org.webp2p.server.config.ConfigException;
import org.webp2p.server.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code webp2p}: the console with every service, or the same services headless. */
@Command(name = "webp2p", mixinStandardHelpOptions = true, version = "webp2p 0.1.0",
        subcommands = {TokenCommand.class, SimulateCommand.class},
        description = "WebP2P Console: HLS origin, RTMFP rendezvous, tracker, pingback and API, "
                + "with a desktop console (default) or headless for servers.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:stopped cleanly (also on SIGTERM or Ctrl-C)",
            "1:could not run (store, file or start-up failure)",
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
        Config config;
        try {
            config = options.config();
        } catch (ConfigException e) {
            e.problems().forEach(p -> err.println("webp2p: configuration: " + p));
            return ExitCodes.USAGE;
        } catch (IOException e) {
            err.println("webp2p: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        ServerRuntime runtime;
        try {
            runtime = ServerRuntime.open(config, options.dataDir(), Clock.systemUTC());
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
        Config config;
        try {
            if (watch == null) {
                throw new IllegalArgumentException("--admin-token and --admin-token-file only go with --watch URL");
            }
            if (headless || selfTest) {
                throw new IllegalArgumentException("--watch opens the console; it does not go with "
                        + (headless ? "--headless" : "--self-test"));
            }
            target = WatchTarget.of(watch, adminToken, adminTokenFile);
            config = node.config();
        } catch (IllegalArgumentException e) {
            err.println("webp2p: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (ConfigException e) {
            e.problems().forEach(p -> err.println("webp2p: configuration: " + p));
            return ExitCodes.USAGE;
        } catch (IOException e) {
            err.println("webp2p: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        return ConsoleMode.watch(target, config.duration("ui.poll-interval"), node.dataDir());
    }
}
