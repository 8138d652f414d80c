package org.webp2p.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.testfx.util.WaitForAsyncUtils.waitFor;
import static org.webp2p.ui.ConsoleFixture.onFx;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.webp2p.protocol.admin.ServiceAction;
import org.webp2p.protocol.admin.ServiceState;
import org.webp2p.server.pingback.StoredHistory;

/** A console watching a separate node only through its admin URL and token, as {@code --watch} runs it. */
@ExtendWith(ApplicationExtension.class)
class RemoteConsoleTest {
    private ConsoleFixture fx;

    @Start
    void start(Stage stage) throws Exception {
        fx = ConsoleFixture.watch(stage, ConsoleFixture::adminToken);
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    @Test
    void peerAnnouncedToTheWatchedNodeAppearsOnThePeersPage(FxRobot robot) throws Exception {
        fx.announce("demo", "remote-peer", "FULL_CONE", "203.0.113.7:1935", 3, 9, 640);
        robot.clickOn("#nav-peers");
        waitFor(5, TimeUnit.SECONDS,
                () -> onFx(() -> robot.lookup(ConsoleFixture.cellWithText("remote-peer")).tryQuery().isPresent()));
        robot.clickOn("#nav-dashboard");
        waitFor(5, TimeUnit.SECONDS, () -> "1".equals(text(robot, "#tile-peers")));
        assertThat(text(robot, "#dashboard-where")).startsWith("Watching http://127.0.0.1:");
        assertThat(robot.lookup("#connection-problem").queryAs(Label.class).isVisible()).isFalse();
    }

    @Test
    void aStoredRangeIsReadFromTheWatchedNodesStore(FxRobot robot) throws Exception {
        Instant now = Instant.now();
        StoredHistory.fill(fx.testNode().runtime().store().dataSource(), "demo", now.minus(Duration.ofDays(31)), now);

        robot.clickOn("#range-30d");

        waitFor(10, TimeUnit.SECONDS, () -> text(robot, "#history-status").startsWith("Last 30 d in steps of 2 h"));
        assertThat(text(robot, "#history-status")).contains("75.0 % offload");
    }

    @Test
    void serviceStoppedFromTheConsoleStopsOnTheWatchedNode(FxRobot robot) throws Exception {
        robot.clickOn("#nav-services");
        waitFor(5, TimeUnit.SECONDS, () -> "RUNNING".equals(text(robot, "#state-tracker")));

        robot.clickOn(robot.lookup("#toggle-tracker").lookup(".thumb-area").queryAs(Node.class));

        waitFor(5, TimeUnit.SECONDS, () -> fx.services().status("tracker").state() == ServiceState.STOPPED);
        waitFor(5, TimeUnit.SECONDS, () -> "STOPPED".equals(text(robot, "#state-tracker")));
        robot.clickOn("#restart-tracker");
        waitFor(5, TimeUnit.SECONDS, () -> fx.services().status("tracker").state() == ServiceState.RUNNING);
    }

    @Test
    void commandTheWatchedNodeRefusesIsReportedWithItsReason() throws Exception {
        List<String> failures = new CopyOnWriteArrayList<>();
        fx.node().onCommandFailure(failures::add);

        fx.node().control("ghost", ServiceAction.STOP, () -> { });

        waitFor(5, TimeUnit.SECONDS, () -> !failures.isEmpty());
        assertThat(failures).singleElement().asString().contains("stop ghost failed").contains("answered 404")
                .contains("no service named ghost");
    }

    @Test
    void pagesThatOnlyWorkOnTheLocalNodeSaySo(FxRobot robot) throws Exception {
        robot.clickOn("#nav-simulator");
        assertThat(text(robot, "#unavailable-reason")).contains("watching another node").contains("http://127.0.0.1:");
        robot.clickOn("#nav-settings");
        assertThat(text(robot, "#unavailable-reason")).contains("change its configuration where it runs");
    }

    private static String text(FxRobot robot, String query) throws Exception {
        return onFx(() -> robot.lookup(query).queryAs(Label.class).getText());
    }
}
