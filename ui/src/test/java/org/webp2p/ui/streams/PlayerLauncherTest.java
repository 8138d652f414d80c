package org.webp2p.ui.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlayerLauncherTest {
    @TempDir
    Path dir;

    private Path executable(Path in, String name, String script) throws Exception {
        Files.createDirectories(in);
        Path p = Files.writeString(in.resolve(name), script);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    @Test
    void findsTheFirstKnownPlayerOnThePathAndOpensTheUrlInIt() throws Exception {
        Path seen = dir.resolve("seen.txt");
        executable(dir.resolve("a"), "ffplay", "#!/bin/sh\nexit 0\n");
        executable(dir.resolve("b"), "vlc", "#!/bin/sh\necho \"$1\" > " + seen + "\n");
        Files.writeString(dir.resolve("a").resolve("mpv"), "not executable");

        PlayerLauncher player = PlayerLauncher.find(dir.resolve("a") + File.pathSeparator + dir.resolve("b"))
                .orElseThrow();
        assertThat(player.name()).as("mpv is not executable, so VLC comes before ffplay").isEqualTo("vlc");

        Process p = player.open("http://127.0.0.1:8080/live/demo/index.m3u8");
        assertThat(p.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(seen).strip()).isEqualTo("http://127.0.0.1:8080/live/demo/index.m3u8");
    }

    @Test
    void noPlayerOnThePathMeansNone() {
        assertThat(PlayerLauncher.find(dir.toString())).isEmpty();
        assertThat(PlayerLauncher.find(null)).isEmpty();
    }
}
