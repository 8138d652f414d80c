package org.webp2p.ui;

import javafx.application.Platform;

/**
 * The one way code outside JavaFX reaches the FX thread, and the check that code owning JavaFX
 * state runs there.
 */
public final class FxThread {
    private FxThread() {
    }

    /**
     * Fails unless called on the FX thread. View models call it where a snapshot reaches their
     * properties: a property bound to a control, changed from a poller or event-loop thread, breaks
     * the scene graph in ways that show up far from the cause.
     */
    public static void require(String what) {
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException(what + " must run on the FX thread, not "
                    + Thread.currentThread().getName());
        }
    }

    public static void run(Runnable action) {
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }
}
