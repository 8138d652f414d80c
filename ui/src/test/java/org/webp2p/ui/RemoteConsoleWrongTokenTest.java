package org.webp2p.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.testfx.util.WaitForAsyncUtils.waitFor;
import static org.webp2p.ui.ConsoleFixture.onFx;

import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class RemoteConsoleWrongTokenTest {
    private ConsoleFixture fx;

    @Start
    void start(Stage stage) throws Exception {
        fx = ConsoleFixture.watch(stage, node -> "not-the-token");
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    @Test
    void refusedTokenIsShownAcrossThePageInsteadOfFailingQuietly(FxRobot robot) throws Exception {
        Label banner = robot.lookup("#connection-problem").queryAs(Label.class);
        waitFor(5, TimeUnit.SECONDS, () -> onFx(banner::isVisible));
        assertThat(onFx(banner::getText)).contains("refused the admin token").contains("--admin-token");
        robot.clickOn("#nav-peers");
        assertThat(onFx(banner::isVisible)).as("still shown on other pages").isTrue();
    }
}
