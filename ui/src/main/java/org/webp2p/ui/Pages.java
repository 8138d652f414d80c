package org.webp2p.ui;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** The frame every console page shares: its style, spacing and title. */
public final class Pages {
    private Pages() {
    }

    /** Styles {@code page} as a console page and returns its title label, to add first. */
    public static Label begin(VBox page, String title) {
        page.getStyleClass().add("page");
        page.setSpacing(12);
        page.setPadding(new Insets(16));
        Label label = new Label(title);
        label.getStyleClass().add("page-title");
        return label;
    }
}
