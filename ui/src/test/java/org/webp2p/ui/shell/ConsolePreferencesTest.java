package org.webp2p.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsolePreferencesTest {
    @TempDir
    Path dataDir;

    @Test
    void themeAndWindowBoundsSurviveAReload() {
        ConsolePreferences p = ConsolePreferences.load(dataDir);
        assertThat(p.theme()).isEqualTo(Theme.LIGHT);
        assertThat(p.windowBounds()).isEmpty();
        p.setTheme(Theme.DARK);
        p.setWindowBounds(new Rectangle2D(40, 60, 1024, 700));

        ConsolePreferences again = ConsolePreferences.load(dataDir);
        assertThat(again.theme()).isEqualTo(Theme.DARK);
        assertThat(again.windowBounds()).contains(new Rectangle2D(40, 60, 1024, 700));
        assertThat(dataDir.resolve(ConsolePreferences.FILE + ".tmp")).doesNotExist();
    }

    @Test
    void aDamagedFileMeansDefaultsNotAFailure() throws Exception {
        Files.writeString(dataDir.resolve(ConsolePreferences.FILE),
                "theme=purple\nwindow.x=1\nwindow.y=oops\nwindow.width=900\nwindow.height=600\n");
        ConsolePreferences p = ConsolePreferences.load(dataDir);
        assertThat(p.theme()).isEqualTo(Theme.LIGHT);
        assertThat(p.windowBounds()).isEmpty();
    }

    @Test
    void aWindowTooSmallToUseIsNotRestored() {
        ConsolePreferences p = ConsolePreferences.load(dataDir);
        p.setWindowBounds(new Rectangle2D(0, 0, 10, 10));
        assertThat(ConsolePreferences.load(dataDir).windowBounds()).isEmpty();
    }
}
