package org.webp2p.ui.shell;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.controlsfx.control.ToggleSwitch;
import org.webp2p.ui.NodeModel;
import org.webp2p.ui.Pages;
import org.webp2p.ui.SystemBrowser;
import org.webp2p.ui.dashboard.DashboardView;
import org.webp2p.ui.dashboard.DashboardViewModel;
import org.webp2p.ui.firstrun.FirstRunPanel;
import org.webp2p.ui.firstrun.FirstRunViewModel;
import org.webp2p.ui.nat.NatView;
import org.webp2p.ui.nat.NatViewModel;
import org.webp2p.ui.peers.PeersView;
import org.webp2p.ui.peers.PeersViewModel;
import org.webp2p.ui.services.ServicesView;
import org.webp2p.ui.services.ServicesViewModel;
import org.webp2p.ui.settings.SettingsView;
import org.webp2p.ui.simulator.SimulatorView;
import org.webp2p.ui.simulator.SimulatorViewModel;
import org.webp2p.ui.streams.PlayerPageOpener;
import org.webp2p.ui.streams.StreamsView;
import org.webp2p.ui.streams.StreamsViewModel;
import org.webp2p.ui.swarm.SwarmView;
import org.webp2p.ui.swarm.SwarmViewModel;

/**
 * The console's frame: a navigation rail on the left with the theme switch at its foot, and the
 * chosen page beside it. Pages are built the first time they are shown.
 */
public final class MainWindow extends BorderPane {
    private final Map<String, Supplier<Node>> pages = new LinkedHashMap<>();
    private final Map<String, Node> built = new LinkedHashMap<>();
    private final ToggleGroup rail = new ToggleGroup();
    private final ToggleSwitch darkTheme = new ToggleSwitch("Dark theme");
    private final ConsolePreferences preferences;
    private final FailureNotifier failureNotifier;
    /** Why the node cannot be read, across the top of every page; hidden while all is well. */
    private final Label problem = new Label();

    /** @param browser where the Streams page opens player pages */
    public MainWindow(NodeModel node, ConsolePreferences preferences, SystemBrowser browser) {
        this.preferences = preferences;
        // One simulator for the node: the Dashboard's first run starts what the Simulator page shows.
        Optional<SimulatorViewModel> simulator = node.local().map(runtime -> new SimulatorViewModel(node, runtime));
        pages.put("Dashboard", () -> scrolling(new DashboardView(new DashboardViewModel(node), new FirstRunPanel(
                new FirstRunViewModel(node, simulator, new PlayerPageOpener(node, browser))))));
        pages.put("Services", () -> new ServicesView(new ServicesViewModel(node)));
        pages.put("Streams", () -> new StreamsView(new StreamsViewModel(node, browser)));
        pages.put("Peers", () -> new PeersView(new PeersViewModel(node)));
        pages.put("Swarm", () -> new SwarmView(new SwarmViewModel(node)));
        pages.put("NAT", () -> new NatView(new NatViewModel(node)));
        pages.put("Simulator", () -> simulator.<Node>map(SimulatorView::new)
                .orElseGet(() -> Pages.unavailable("Simulator", "The simulator plays a swarm against the node in "
                        + "this process. This console is watching another node (" + node.describe()
                        + "); run the simulator there, or with `webp2p simulate`.")));
        pages.put("Settings", () -> node.local()
                .<Node>map(runtime -> new SettingsView(runtime.config(), runtime.dataDir().toString()))
                .orElseGet(() -> Pages.unavailable("Settings", "Settings shows the configuration of the node in "
                        + "this process. This console is watching another node (" + node.describe()
                        + "); change its configuration where it runs.")));
        failureNotifier = new FailureNotifier(this);
        problem.setId("connection-problem");
        problem.getStyleClass().add("connection-problem");
        problem.setMaxWidth(Double.MAX_VALUE);
        problem.setWrapText(true);
        createView();
        initListeners(node);
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
            b.setId("nav-" + page.toLowerCase(Locale.ROOT));
            b.setUserData(page);
            b.setToggleGroup(rail);
            b.setMaxWidth(Double.MAX_VALUE);
            b.getStyleClass().add("nav-button");
            nav.getChildren().add(b);
        }
        Region spacer = new Region();
        VBox.setVgrow(spacer, Priority.ALWAYS);
        darkTheme.setId("theme-switch");
        darkTheme.getStyleClass().add("theme-switch");
        darkTheme.setSelected(preferences.theme() == Theme.DARK);
        nav.getChildren().addAll(spacer, darkTheme);
        setLeft(nav);
    }

    private void initListeners(NodeModel node) {
        node.snapshotProperty().addListener((obs, old, s) -> failureNotifier.show(s));
        node.onCommandFailure(failureNotifier::showCommandFailure);
        problem.textProperty().bind(node.problemProperty());
        problem.visibleProperty().bind(node.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        setTop(problem);
        rail.selectedToggleProperty().addListener((obs, was, now) -> {
            if (now == null) {
                rail.selectToggle(was); // a rail always has a page chosen
            } else {
                showPage((String) now.getUserData());
            }
        });
        darkTheme.selectedProperty().addListener((obs, was, dark) -> {
            preferences.setTheme(theme());
            applyTheme(getScene());
        });
        sceneProperty().addListener((obs, was, scene) -> applyTheme(scene));
    }

    /**
     * The page in a scroll pane that gives it the whole height when it fits: with the first run's
     * panel above its figures the Dashboard outgrows a small window, which would push the rail's
     * foot off screen.
     */
    private static ScrollPane scrolling(Region page) {
        ScrollPane scroll = new ScrollPane(page);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.getStyleClass().add("page-scroll");
        return scroll;
    }

    private Theme theme() {
        return darkTheme.isSelected() ? Theme.DARK : Theme.LIGHT;
    }

    private void applyTheme(Scene scene) {
        if (scene != null) {
            theme().applyTo(scene);
        }
    }

    /** Shows a page by its rail title. */
    public void show(String page) {
        rail.getToggles().stream().filter(t -> page.equals(t.getUserData())).findFirst().ifPresent(rail::selectToggle);
    }

    private void showPage(String page) {
        setCenter(built.computeIfAbsent(page, p -> pages.get(p).get()));
    }
}
