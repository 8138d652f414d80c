package org.webp2p.ui.shell;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import org.webp2p.ui.NodeModel;
import org.webp2p.ui.dashboard.DashboardView;
import org.webp2p.ui.dashboard.DashboardViewModel;
import org.webp2p.ui.services.ServicesView;
import org.webp2p.ui.services.ServicesViewModel;
import org.webp2p.ui.settings.SettingsView;

/** The console's frame: a navigation rail on the left and the chosen page beside it. */
public final class MainWindow extends BorderPane {
    private final Map<String, Supplier<Node>> pages = new LinkedHashMap<>();
    private final Map<String, Node> built = new LinkedHashMap<>();
    private final ToggleGroup rail = new ToggleGroup();

    public MainWindow(NodeModel node) {
        pages.put("Dashboard", () -> new DashboardView(new DashboardViewModel(node)));
        pages.put("Services", () -> new ServicesView(new ServicesViewModel(node)));
        pages.put("Settings", () -> new SettingsView(node.runtime().config(), node.runtime().dataDir().toString()));
        createView();
        initListeners();
        show("Dashboard");
    }

    private void createView() {
        getStyleClass().add("main-window");
        Label brand = new Label("WebP2P");
        brand.getStyleClass().add("brand");
        VBox nav = new VBox(4, brand);
        nav.getStyleClass().add("nav-rail");
        nav.setPadding(new Insets(12, 8, 12, 8));
        for (String page : pages.keySet()) {
            ToggleButton b = new ToggleButton(page);
            b.setId("nav-" + page.toLowerCase(java.util.Locale.ROOT));
            b.setUserData(page);
            b.setToggleGroup(rail);
            b.setMaxWidth(Double.MAX_VALUE);
            b.getStyleClass().add("nav-button");
            nav.getChildren().add(b);
        }
        setLeft(nav);
    }

    private void initListeners() {
        rail.selectedToggleProperty().addListener((obs, was, now) -> {
            if (now == null) {
                rail.selectToggle(was); // a rail always has a page chosen
            } else {
                showPage((String) now.getUserData());
            }
        });
    }

    /** Shows a page by its rail title. */
    public void show(String page) {
        rail.getToggles().stream().filter(t -> page.equals(t.getUserData())).findFirst().ifPresent(rail::selectToggle);
    }

    private void showPage(String page) {
        setCenter(built.computeIfAbsent(page, p -> pages.get(p).get()));
    }
}
