package org.webp2p.app;

import javafx.application.Platform;
import org.webp2p.server.ServerRuntime;
import org.webp2p.ui.ConsoleApplication;
import sun.misc.Signal;

/** The desktop console; kept apart from the command so headless runs never load JavaFX. */
final class ConsoleMode {
    private ConsoleMode() {
    }

    static int run(ServerRuntime runtime) {
        // SIGTERM or Ctrl-C closes the window the way its close button does, so services stop and
        // the store closes in order and the process exits 0, as in headless mode.
        Signal.handle(new Signal("TERM"), s -> Platform.exit());
        Signal.handle(new Signal("INT"), s -> Platform.exit());
        try {
            ConsoleApplication.launch(runtime);
            return ExitCodes.OK;
        } catch (RuntimeException | Error e) {
            // Typically no display: say so plainly and point at the mode that needs none.
            System.err.println("webp2p: cannot open the console (" + e.getMessage()
                    + "); on a machine without a display use --headless");
            return ExitCodes.FAILURE;
        } finally {
            runtime.close();
        }
    }
}
