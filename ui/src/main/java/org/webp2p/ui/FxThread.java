package org.webp2p.ui;

import javafx.application.Platform;

/** The one way code outside JavaFX reaches the FX thread. */
public final class FxThread {
    private FxThread() {
    }

    public static void run(Runnable action) {
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }
}
