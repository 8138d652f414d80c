package org.webp2p.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataDirectoryTest {
    private final Path home = Path.of("/home/ann");

    @Test
    void linuxFollowsXdgDataHome() {
        assertThat(DataDirectory.defaultFor("Linux", Map.of("XDG_DATA_HOME", "/data"), home))
                .isEqualTo(Path.of("/data/webp2p"));
        assertThat(DataDirectory.defaultFor("Linux", Map.of(), home))
                .isEqualTo(Path.of("/home/ann/.local/share/webp2p"));
    }

    @Test
    void macAndWindowsUseTheirApplicationDataFolders() {
        assertThat(DataDirectory.defaultFor("Mac OS X", Map.of(), home))
                .isEqualTo(home.resolve("Library/Application Support/WebP2P"));
        assertThat(DataDirectory.defaultFor("Windows 11", Map.of("APPDATA", "/appdata"), home))
                .isEqualTo(Path.of("/appdata/WebP2P"));
    }
}
