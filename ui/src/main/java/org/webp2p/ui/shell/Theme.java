package org.webp2p.ui.shell;

import java.util.Objects;
import javafx.scene.Scene;

/** The console's two looks: the light base stylesheet alone, or the dark one layered on it. */
public enum Theme {
    LIGHT,
    DARK;

    private static final String DARK_SHEET = Objects.requireNonNull(
            Theme.class.getResource("/org/webp2p/ui/console-dark.css")).toExternalForm();

    public void applyTo(Scene scene) {
        scene.getStylesheets().remove(DARK_SHEET);
        if (this == DARK) {
            scene.getStylesheets().add(DARK_SHEET);
        }
    }
}
