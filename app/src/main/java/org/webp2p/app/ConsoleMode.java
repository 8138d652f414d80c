package org.webp2p.app;

import org.webp2p.server.ServerRuntime;
import org.webp2p.ui.ConsoleApplication;

/** The desktop console; kept apart from the command so headless runs never load JavaFX. */
final class ConsoleMode {
    private ConsoleMode() {
    }

    static int run(ServerRuntime runtime) {
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
