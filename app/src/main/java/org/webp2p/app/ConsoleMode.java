package org.webp2p.app;

import java.nio.file.Path;
import java.time.Duration;
import javafx.application.Platform;
import org.webp2p.server.ServerRuntime;
import org.webp2p.ui.AdminClient;
import org.webp2p.ui.RemoteNode;
import org.webp2p.ui.shell.ConsoleApplication;
import sun.misc.Signal;

/** The desktop console; kept apart from the command so headless runs never load JavaFX. */
final class ConsoleMode {
    private ConsoleMode() {
    }

    static int run(ServerRuntime runtime) {
        try {
            return open(() -> ConsoleApplication.launch(runtime), "; on a machine without a display use --headless");
        } finally {
            runtime.close();
        }
    }

    /** The console on a node elsewhere; {@code preferencesDir} keeps this machine's window layout. */
    static int watch(WatchTarget target, Duration pollInterval, Path preferencesDir) {
        AdminClient client = new AdminClient(target.adminUrl(), target.token());
        return open(() -> ConsoleApplication.watch(new RemoteNode(client), pollInterval, preferencesDir),
                "; watching needs a display");
    }

    private static int open(Runnable launch, String hint) {
        // SIGTERM or Ctrl-C closes the window the way its close button does, so services stop and
        // the store closes in order and the process exits 0, as in headless mode.
        Signal.handle(new Signal("TERM"), s -> Platform.exit());
        Signal.handle(new Signal("INT"), s -> Platform.exit());
        try {
            launch.run();
            return ExitCodes.OK;
        } catch (RuntimeException | Error e) {
            // Typically no display: say so plainly and point at the mode that needs none.
            System.err.println("webp2p: cannot open the console (" + e.getMessage() + ")" + hint);
            return ExitCodes.FAILURE;
        }
    }
}
