package org.webp2p.ui.shell;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.webp2p.server.ServerRuntime;
import org.webp2p.ui.NodeModel;
import org.webp2p.ui.NodeSource;
import org.webp2p.ui.SystemBrowser;

/**
 * The desktop console around a node. JavaFX constructs this class itself, so the node is handed over
 * through {@link #launch(ServerRuntime)} or {@link #watch} before start.
 */
public final class ConsoleApplication extends Application {
    /** What the next start shows: how to make its model, where preferences live, and what to do once shown. */
    private record Launch(Supplier<NodeModel> model, Path preferencesDir, Consumer<NodeModel> shown) {
    }

    private static volatile Launch pending;

    private NodeModel node;
    private ConsolePreferences preferences;
    private Stage stage;

    /** Opens the console, starts every enabled service, and returns when the window is closed. */
    public static void launch(ServerRuntime runtime) {
        Objects.requireNonNull(runtime);
        // Binding ports can take a moment; the window is already up and shows each service arrive.
        pending = new Launch(() -> new NodeModel(runtime), runtime.dataDir(), node ->
                CompletableFuture.runAsync(() -> runtime.services().startAll()).thenRun(node::refreshSoon));
        Application.launch(ConsoleApplication.class);
    }

    /**
     * Opens the console on a node in another process and returns when the window is closed; nothing
     * starts here. {@code preferencesDir} keeps this machine's theme and window layout.
     */
    public static void watch(NodeSource remote, Duration pollInterval, Path preferencesDir) {
        Objects.requireNonNull(remote);
        pending = new Launch(() -> new NodeModel(remote, pollInterval), preferencesDir, node -> { });
        Application.launch(ConsoleApplication.class);
    }

    @Override
    public void start(Stage stage) {
        Launch launch = Objects.requireNonNull(pending, "launch or watch first");
        node = launch.model().get();
        preferences = ConsolePreferences.load(launch.preferencesDir());
        this.stage = stage;
        Scene scene = createScene(node, preferences, SystemBrowser.of(getHostServices()));
        stage.setTitle(node.local().isPresent() ? "WebP2P Console" : "WebP2P Console - " + node.describe());
        stage.setScene(scene);
        preferences.restoreWindow(stage);
        stage.show();
        node.start();
        launch.shown().accept(node);
    }

    /**
     * The console's scene with its stylesheet and remembered theme, opening web pages in {@code browser};
     * TestFX tests build the same scene with a browser that records what it is asked to open.
     */
    public static Scene createScene(NodeModel node, ConsolePreferences preferences, SystemBrowser browser) {
        Scene scene = new Scene(new MainWindow(node, preferences, browser), 1180, 760);
        // First, so the dark theme's sheet always comes after it and wins.
        scene.getStylesheets().add(0, Objects.requireNonNull(
                ConsoleApplication.class.getResource("/org/webp2p/ui/console.css")).toExternalForm());
        return scene;
    }

    @Override
    public void stop() {
        if (stage != null && preferences != null) {
            preferences.rememberWindow(stage);
        }
        if (node != null) {
            node.close();
        }
    }
}
