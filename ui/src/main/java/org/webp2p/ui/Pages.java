package org.webp2p.ui;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** The frame every console page shares: its style, spacing and title. */
public final class Pages {
    private Pages() {
    }

    /**
     * A page that cannot work for the node being shown, saying so and why, so the operator is not
     * left with controls that do nothing.
     */
    public static VBox unavailable(String title, String reason) {
        VBox page = new VBox();
        Label why = new Label(reason);
        why.setId("unavailable-reason");
        why.setWrapText(true);
        why.getStyleClass().add("muted-text");
        page.getChildren().addAll(begin(page, title), why);
        return page;
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
