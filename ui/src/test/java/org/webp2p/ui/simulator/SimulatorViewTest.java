package org.webp2p.ui.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.testfx.util.WaitForAsyncUtils.waitFor;
import static org.webp2p.ui.ConsoleFixture.onFx;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.webp2p.protocol.admin.PeerRecord;
import org.webp2p.ui.ConsoleFixture;

@ExtendWith(ApplicationExtension.class)
class SimulatorViewTest {
    private ConsoleFixture fx;

    @Start
    void start(Stage stage) throws Exception {
        stage.setWidth(1100);
        stage.setHeight(700);
        fx = ConsoleFixture.show(stage, Map.of());
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    @Test
    void invalidFieldsSayWhyAndKeepStartDisabled(FxRobot robot) throws Exception {
        robot.clickOn("#nav-simulator");
        type(robot, "#sim-peers", "many");

        waitFor(2, TimeUnit.SECONDS, () -> text(robot, "#sim-problem").equals("Peers must be a whole number"));
        assertThat(robot.lookup("#sim-start").queryAs(Button.class).isDisabled()).isTrue();
    }

    @Test
    void aSmallSimulationAnnouncesItsPeersAndReportsNoStalls(FxRobot robot) throws Exception {
        startRun(robot, 3, "7s", "full=1,symmetric=2");
        List<PeerRecord> joined = fx.tracker().peersOfStream("demo");
        assertThat(joined).extracting(p -> p.source().getHostAddress())
                .containsExactlyInAnyOrder("127.3.0.1", "127.3.0.2", "127.3.0.3");
        assertThat(robot.lookup("#sim-stop").queryAs(Button.class).isDisabled()).isFalse();

        waitFor(20, TimeUnit.SECONDS, () -> !text(robot, "#sim-report-stalls").equals("-"));
        assertThat(text(robot, "#sim-report-stalls")).isEqualTo("0 (0 ms)");
        assertThat(text(robot, "#sim-report-peers-started")).isEqualTo("3 (3 at the end)");
        assertThat(text(robot, "#sim-report-conditions")).startsWith("demo · ").endsWith(" · network lan");
        assertThat(text(robot, "#sim-report-never-started")).isEqualTo("none");
        assertThat(robot.lookup("#sim-start").queryAs(Button.class).isDisabled()).isFalse();
    }

    @Test
    void stoppingARunEndsItAtOnceWithTheReportSoFar(FxRobot robot) throws Exception {
        startRun(robot, 2, "5m", "full=1");

        robot.clickOn("#sim-stop");

        waitFor(15, TimeUnit.SECONDS, () -> !text(robot, "#sim-report-peers-started").equals("-"));
        assertThat(text(robot, "#sim-report-peers-started")).isEqualTo("2 (2 at the end)");
        assertThat(text(robot, "#sim-report-http-fallbacks")).isNotEqualTo("-");
        assertThat(robot.lookup("#sim-progress").queryAs(ListView.class).getItems())
                .anySatisfy(line -> assertThat(line.toString()).startsWith("stopped after"));
        assertThat(robot.lookup("#sim-start").queryAs(Button.class).isDisabled()).isFalse();
        waitFor(10, TimeUnit.SECONDS, () -> fx.tracker().peersOfStream("demo").isEmpty());
    }

    /** Fills the form, starts the run and waits until all its peers have announced themselves. */
    private void startRun(FxRobot robot, int peers, String duration, String natMix) throws Exception {
        robot.clickOn("#nav-simulator");
        type(robot, "#sim-peers", Integer.toString(peers));
        type(robot, "#sim-duration", duration);
        type(robot, "#sim-nat-mix", natMix);
        waitFor(2, TimeUnit.SECONDS, () -> text(robot, "#sim-problem").isEmpty());
        robot.clickOn("#sim-start");
        waitFor(15, TimeUnit.SECONDS, () -> fx.tracker().peersOfStream("demo").size() == peers);
    }

    /** Replaces a field's text as typing would, without racing the robot's caret over existing text. */
    private static void type(FxRobot robot, String field, String value) throws Exception {
        TextField f = robot.lookup(field).queryAs(TextField.class);
        onFx(() -> {
            f.setText(value);
            return null;
        });
    }

    private static String text(FxRobot robot, String query) throws Exception {
        return onFx(() -> robot.lookup(query).queryAs(Label.class).getText());
    }
}
