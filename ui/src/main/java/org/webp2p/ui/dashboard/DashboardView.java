package org.webp2p.ui.dashboard;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/** Tiles with the node's headline figures. */
public final class DashboardView extends VBox {
    private final DashboardViewModel model;

    public DashboardView(DashboardViewModel model) {
        this.model = model;
        createView();
    }

    private void createView() {
        getStyleClass().add("page");
        setSpacing(12);
        setPadding(new Insets(16));
        Label title = new Label("Dashboard");
        title.getStyleClass().add("page-title");
        FlowPane tiles = new FlowPane(12, 12);
        tiles.getChildren().addAll(
                tile("tile-services-running", "Services running", model.servicesRunningProperty(), "tile-value"),
                tile("tile-services-failed", "Failed services", model.servicesFailedProperty(), "tile-value"),
                tile("tile-data-dir", "Data directory", new SimpleStringProperty(model.dataDir()), "tile-text"),
                tile("tile-store", "Store", new SimpleStringProperty(model.store()), "tile-text"));
        getChildren().addAll(title, tiles);
    }

    private static VBox tile(String id, String caption, ObservableValue<String> value, String style) {
        Label v = new Label();
        v.setId(id);
        v.getStyleClass().add(style);
        v.textProperty().bind(value);
        v.setWrapText(true);
        Label c = new Label(caption);
        c.getStyleClass().add("tile-caption");
        VBox box = new VBox(4, v, c);
        box.getStyleClass().add("tile");
        box.setPrefWidth(240);
        return box;
    }
}
