package org.webp2p.ui.firstrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.testfx.util.WaitForAsyncUtils.waitFor;

import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.webp2p.server.origin.OriginService;
import org.webp2p.ui.ConsoleFixture;

/** The first run of a console watching a node elsewhere, through its admin endpoint. */
@ExtendWith(ApplicationExtension.class)
class FirstRunWatchingTest {
    private ConsoleFixture fx;

    @Start
    void start(Stage stage) throws Exception {
        stage.setWidth(1200);
        stage.setHeight(800);
        fx = ConsoleFixture.watch(stage, ConsoleFixture::adminToken);
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    @Test
    void aWatchedNodeCannotBeSimulatedFromHereButItsDemoPlayerOpens(FxRobot robot) throws Exception {
        waitFor(5, TimeUnit.SECONDS, () -> !robot.lookup("#first-run-player").queryAs(Button.class).isDisabled());

        assertThat(robot.lookup("#first-run-simulate").queryAs(Button.class).isDisabled()).isTrue();
        assertThat(robot.lookup("#first-run-publish").queryAs(Button.class).isDisabled()).isFalse();
        robot.clickOn("#first-run-player");
        String page = "http://127.0.0.1:" + fx.testNode().address(OriginService.NAME).getPort() + "/play/demo";
        waitFor(5, TimeUnit.SECONDS, () -> fx.openedInBrowser().contains(page));
    }
}
