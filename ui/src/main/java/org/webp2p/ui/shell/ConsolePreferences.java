package org.webp2p.ui.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;
import javafx.geometry.Rectangle2D;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the console remembers between runs (theme, window bounds), in a small properties file in the
 * data directory so it travels with the node's data and not with the desktop user.
 */
public final class ConsolePreferences {
    static final String FILE = "console.properties";
    private static final Logger log = LoggerFactory.getLogger(ConsolePreferences.class);

    private final Path file;
    private final Properties values = new Properties();

    private ConsolePreferences(Path file) {
        this.file = file;
    }

    /** Reads the preferences in {@code dataDir}; a missing or unreadable file means defaults. */
    public static ConsolePreferences load(Path dataDir) {
        ConsolePreferences p = new ConsolePreferences(dataDir.resolve(FILE));
        if (Files.isRegularFile(p.file)) {
            try (InputStream in = Files.newInputStream(p.file)) {
                p.values.load(in);
            } catch (IOException | IllegalArgumentException e) {
                log.warn("ignoring unreadable {}", p.file, e);
                p.values.clear();
            }
        }
        return p;
    }

    public Theme theme() {
        return "dark".equals(values.getProperty("theme")) ? Theme.DARK : Theme.LIGHT;
    }

    public void setTheme(Theme theme) {
        values.setProperty("theme", theme == Theme.DARK ? "dark" : "light");
        save();
    }

    /** The window's last bounds, when all four were stored and are sane. */
    public Optional<Rectangle2D> windowBounds() {
        double[] v = new double[4];
        String[] keys = {"window.x", "window.y", "window.width", "window.height"};
        for (int i = 0; i < keys.length; i++) {
            String text = values.getProperty(keys[i]);
            try {
                v[i] = text == null ? Double.NaN : Double.parseDouble(text);
            } catch (NumberFormatException e) {
                v[i] = Double.NaN;
            }
            if (!Double.isFinite(v[i])) {
                return Optional.empty();
            }
        }
        return v[2] >= 200 && v[3] >= 150 ? Optional.of(new Rectangle2D(v[0], v[1], v[2], v[3])) : Optional.empty();
    }

    public void setWindowBounds(Rectangle2D bounds) {
        values.setProperty("window.x", Double.toString(bounds.getMinX()));
        values.setProperty("window.y", Double.toString(bounds.getMinY()));
        values.setProperty("window.width", Double.toString(bounds.getWidth()));
        values.setProperty("window.height", Double.toString(bounds.getHeight()));
        save();
    }

    /** Puts the window where it was last time, if that is known. */
    public void restoreWindow(Stage stage) {
        windowBounds().ifPresent(b -> {
            stage.setX(b.getMinX());
            stage.setY(b.getMinY());
            stage.setWidth(b.getWidth());
            stage.setHeight(b.getHeight());
        });
    }

    /** Remembers where the window is now, for {@link #restoreWindow} next time. */
    public void rememberWindow(Stage stage) {
        setWindowBounds(new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight()));
    }

    // Written whole to a temporary file and moved, so a crash mid-write never leaves half a file.
    private void save() {
        try {
            Path tmp = file.resolveSibling(FILE + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                values.store(out, "WebP2P console");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("cannot save console preferences to {}", file, e);
        }
    }
}
