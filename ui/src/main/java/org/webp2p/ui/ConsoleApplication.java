package org.webp2p.ui;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.webp2p.server.ServerRuntime;
import org.webp2p.ui.shell.MainWindow;

/**
 * The desktop console around a node. JavaFX constructs this class itself, so the node is handed over
 * through {@link #launch(ServerRuntime)} before start.
 */
public final class ConsoleApplication extends Application {
    private static volatile ServerRuntime pending;

    private NodeModel node;

    /** Opens the console, starts every enabled service, and returns when the window is closed. */
    public static void launch(ServerRuntime runtime) {
        pending = Objects.requireNonNull(runtime);
        Application.launch(ConsoleApplication.class);
    }

    @Override
    public void start(Stage stage) {
        ServerRuntime runtime = Objects.requireNonNull(pending, "launch(runtime) first");
        node = new NodeModel(runtime);
        Scene scene = createScene(node);
        stage.setTitle("WebP2P Console");
        stage.setScene(scene);
        stage.show();
        node.start();
        // Binding ports can take a moment; the window is already up and shows each service arrive.
        CompletableFuture.runAsync(() -> runtime.services().startAll()).thenRun(node::refreshSoon);
    }

    /** The console's scene with its stylesheet; TestFX tests build the same scene. */
    public static Scene createScene(NodeModel node) {
        Scene scene = new Scene(new MainWindow(node), 1180, 760);
        scene.getStylesheets().add(Objects.requireNonNull(
                ConsoleApplication.class.getResource("console.css")).toExternalForm());
        return scene;
    }

    @Override
    public void stop() {
        if (node != null) {
            node.close();
        }
    }
}
