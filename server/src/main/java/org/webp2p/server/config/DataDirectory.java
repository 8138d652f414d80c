package org.webp2p.server.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Where the product keeps its database, media and configuration unless told otherwise. */
public final class DataDirectory {
    private DataDirectory() {
    }

    /** The platform's per-user data directory for WebP2P. */
    public static Path defaultFor(String osName, Map<String, String> env, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String appData = env.get("APPDATA");
            return (appData != null ? Path.of(appData) : home.resolve("AppData").resolve("Roaming")).resolve("WebP2P");
        }
        if (os.contains("mac")) {
            return home.resolve("Library").resolve("Application Support").resolve("WebP2P");
        }
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local").resolve("share");
        return base.resolve("webp2p");
    }

    public static Path defaultForThisMachine() {
        return defaultFor(System.getProperty("os.name", ""), System.getenv(), Path.of(System.getProperty("user.home")));
    }
}
