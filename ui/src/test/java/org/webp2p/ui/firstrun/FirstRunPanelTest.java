package org.webp2p.ui.firstrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.testfx.util.WaitForAsyncUtils.waitFor;
import static org.webp2p.ui.ConsoleFixture.onFx;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.webp2p.server.origin.OriginService;
import org.webp2p.server.rtmp.RtmpService;
import org.webp2p.server.rtmp.session.PublishName;
import org.webp2p.ui.ConsoleFixture;

@ExtendWith(ApplicationExtension.class)
class FirstRunPanelTest {
    private ConsoleFixture fx;

    @Start
    void start(Stage stage) throws Exception {
        stage.setWidth(1200);
        stage.setHeight(800);
        fx = ConsoleFixture.show(stage, Map.of());
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    @Test
    void aNodeWithNoViewersOffersTheThreeFirstRunActionsAndCountsTheDemoAsLive(FxRobot robot) throws Exception {
        waitFor(5, TimeUnit.SECONDS, () -> visible(robot, "#first-run-offer")
                && !button(robot, "#first-run-player").isDisabled());

        for (String action : List.of("#first-run-simulate", "#first-run-player", "#first-run-publish")) {
            assertThat(button(robot, action).isDisabled()).as(action).isFalse();
        }
        assertThat(button(robot, "#first-run-simulate").getText()).isEqualTo("Simulate 20 viewers");
        assertThat(visible(robot, "#first-run-simulating")).isFalse();
        // demo and demo-hd loop for anyone to watch.
        waitFor(5, TimeUnit.SECONDS, () -> text(robot, "#tile-streams").equals("2"));
    }

    @Test
    void simulatedViewersPlayAgainstTheNodeAndThePanelMakesWayForThemWithAStop(FxRobot robot) throws Exception {
        waitFor(5, TimeUnit.SECONDS, () -> visible(robot, "#first-run-offer"));

        robot.clickOn("#first-run-simulate");

        waitFor(60, TimeUnit.SECONDS, () -> fx.tracker().peersOfStream(FirstRunViewModel.DEMO).size() >= 5
                && Integer.parseInt(text(robot, "#tile-peers")) >= 5);
        assertThat(fx.tracker().peersOfStream(FirstRunViewModel.DEMO)).allSatisfy(p ->
                assertThat(p.source().getHostAddress()).as("a simulated peer's own loopback address").startsWith("127."));
        assertThat(visible(robot, "#first-run-offer")).isFalse();
        assertThat(visible(robot, "#first-run-simulating")).isTrue();

        robot.clickOn("#first-run-stop");

        waitFor(30, TimeUnit.SECONDS, () -> !visible(robot, "#first-run-simulating"));
        robot.clickOn("#nav-simulator");
        waitFor(5, TimeUnit.SECONDS, () -> !text(robot, "#sim-report-peers-started").equals("-"));
        assertThat(text(robot, "#sim-report-peers-started")).as("the Simulator page ran them").isNotEqualTo("0 (0 at the end)");
    }

    @Test
    void theDemoPlayerOpensTheOriginsPlayerPageAndShowsItsAddress(FxRobot robot) throws Exception {
        waitFor(5, TimeUnit.SECONDS, () -> !button(robot, "#first-run-player").isDisabled());

        robot.clickOn("#first-run-player");

        String page = "http://127.0.0.1:" + fx.testNode().address(OriginService.NAME).getPort() + "/play/demo";
        waitFor(5, TimeUnit.SECONDS, () -> fx.openedInBrowser().contains(page)
                && text(robot, "#first-run-player-message").startsWith("Opened in your browser"));
        assertThat(onFx(() -> robot.lookup("#first-run-player-address").queryAs(TextInputControl.class).getText()))
                .isEqualTo(page);
        robot.clickOn("#first-run-copy-address");
        assertThat(onFx(() -> Clipboard.getSystemClipboard().getString())).isEqualTo(page);
    }

    @Test
    void publishingShowsTheFfmpegCommandAndObsSettingsWithTheNodesRealPorts(FxRobot robot) throws Exception {
        waitFor(5, TimeUnit.SECONDS, () -> !button(robot, "#first-run-publish").isDisabled());

        robot.clickOn("#first-run-publish");

        waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#publish-ffmpeg").tryQuery().isPresent());
        int origin = fx.testNode().address(OriginService.NAME).getPort();
        int rtmp = fx.testNode().address(RtmpService.NAME).getPort();
        assertThat(field(robot, "#publish-ffmpeg")).startsWith("ffmpeg -re -i INPUT ").endsWith(" -f hls -hls_time 2 "
                + "-method PUT \"http://127.0.0.1:" + origin + "/ingest/" + ConsoleFixture.PUBLISH_KEY
                + "/news/index.m3u8\"");
        robot.clickOn("#publish-copy-rtmp-server");
        assertThat(onFx(() -> Clipboard.getSystemClipboard().getString())).isEqualTo("rtmp://127.0.0.1:" + rtmp + "/live");
        robot.clickOn("#publish-copy-rtmp-key");
        String key = onFx(() -> Clipboard.getSystemClipboard().getString());
        assertThat(key).isEqualTo("news?key=" + ConsoleFixture.PUBLISH_KEY);
        PublishName presented = PublishName.parse(key);
        assertThat(fx.origin().liveIngest().authorise(presented.name(), presented.key())).as("what RTMP publish checks")
                .contains("news");

        onFx(() -> {
            robot.lookup("#publish-stream").queryAs(TextInputControl.class).setText("studio 1");
            return null;
        });
        assertThat(text(robot, "#publish-problem")).startsWith("A stream name is");
        assertThat(field(robot, "#publish-ffmpeg")).isEmpty();
        assertThat(button(robot, "#publish-copy-rtmp-key").isDisabled()).isTrue();
    }

    private static boolean visible(FxRobot robot, String query) throws Exception {
        return onFx(() -> {
            Node n = robot.lookup(query).query();
            for (Node at = n; at != null; at = at.getParent()) {
                if (!at.isVisible()) {
                    return false;
                }
            }
            return n.getScene() != null;
        });
    }

    private static Button button(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Button.class);
    }

    private static String field(FxRobot robot, String query) throws Exception {
        return onFx(() -> robot.lookup(query).queryAs(TextInputControl.class).getText());
    }

    private static String text(FxRobot robot, String query) throws Exception {
        return onFx(() -> robot.lookup(query).queryAs(Label.class).getText());
    }
}
