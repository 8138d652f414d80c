package org.webp2p.ui.streams;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Opens a playback URL in a media player installed on this machine, if there is one that plays
 * HLS from a URL: mpv, VLC or ffplay, looked up on the PATH in that order.
 */
final class PlayerLauncher {
    private static final List<String> PLAYERS = List.of("mpv", "vlc", "ffplay");

    private final Path player;

    private PlayerLauncher(Path player) {
        this.player = player;
    }

    /** The first known player on {@code path} (a PATH-style list of directories). */
    static Optional<PlayerLauncher> find(String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String name : PLAYERS) {
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.isBlank()) {
                    continue;
                }
                for (String candidate : List.of(name, name + ".exe")) {
                    Path p = Path.of(dir, candidate);
                    if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                        return Optional.of(new PlayerLauncher(p));
                    }
                }
            }
        }
        return Optional.empty();
    }

    static Optional<PlayerLauncher> onThisMachine() {
        return find(System.getenv("PATH"));
    }

    /** The player's name as a person knows it. */
    String name() {
        String file = player.getFileName().toString();
        return file.endsWith(".exe") ? file.substring(0, file.length() - 4) : file;
    }

    /** Starts the player on {@code url}; it runs on its own and outlives nothing of the console. */
    Process open(String url) throws IOException {
        return new ProcessBuilder(player.toString(), url).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }
}
