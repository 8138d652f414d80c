package org.webp2p.ui;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.webp2p.server.ServerRuntime;
import org.webp2p.ui.shell.ConsolePreferences;
import org.webp2p.ui.shell.MainWindow;

/**
 * The desktop console around a node. JavaFX constructs this class itself, so the node is handed over
 * through {@link #launch(ServerRuntime)} before start.
 */
public final class ConsoleApplication extends Application {
    private static volatile ServerRuntime pending;

    private NodeModel node;
    private ConsolePreferences preferences;
    private Stage stage;

    /** Opens the console, starts every enabled service, and returns when the window is closed. */
    public static void launch(ServerRuntime runtime) {
        pending = Objects.requireNonNull(runtime);
        Application.launch(ConsoleApplication.class);
    }

    @Override
    public void start(Stage stage) {
        ServerRuntime runtime = Objects.requireNonNull(pending, "launch(runtime) first");
        node = new NodeModel(runtime);
        preferences = ConsolePreferences.load(runtime.dataDir());
        this.stage = stage;
        Scene scene = createScene(node, preferences);
        stage.setTitle("WebP2P Console");
        stage.setScene(scene);
        preferences.restoreWindow(stage);
        stage.show();
        node.start();
        // Binding ports can take a moment; the window is already up and shows each service arrive.
        CompletableFuture.runAsync(() -> runtime.services().startAll()).thenRun(node::refreshSoon);
    }

    /** The console's scene with its stylesheet and remembered theme; TestFX tests build the same scene. */
    public static Scene createScene(NodeModel node, ConsolePreferences preferences) {
        Scene scene = new Scene(new MainWindow(node, preferences), 1180, 760);
        // First, so the dark theme's sheet always comes after it and wins.
        scene.getStylesheets().add(0, Objects.requireNonNull(
                ConsoleApplication.class.getResource("console.css")).toExternalForm());
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
