package org.webp2p.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.testfx.util.WaitForAsyncUtils.waitFor;
import static org.webp2p.ui.ConsoleFixture.onFx;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.webp2p.server.TestNode;
import org.webp2p.ui.ConsoleFixture;

@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    private ConsoleFixture fx;
    private Stage stage;
    private int adminPort;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        adminPort = TestNode.freePort();
        fx = ConsoleFixture.show(stage, Map.of("admin.port", Integer.toString(adminPort)));
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    @Test
    void theWindowReopensWhereItWasLeft() throws Exception {
        onFx(() -> {
            stage.setX(70);
            stage.setY(50);
            stage.setWidth(1000);
            stage.setHeight(640);
            ConsolePreferences.load(fx.testNode().dataDir()).rememberWindow(stage);
            stage.setWidth(1200);
            stage.setHeight(780);
            ConsolePreferences.load(fx.testNode().dataDir()).restoreWindow(stage);
            return null;
        });
        assertThat(List.of(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight()))
                .containsExactly(70.0, 50.0, 1000.0, 640.0);
    }

    @Test
    void railListsThePagesInOrder(FxRobot robot) {
        List<String> pages = robot.lookup(".nav-button").queryAllAs(ToggleButton.class).stream()
                .map(ToggleButton::getText).toList();
        assertThat(pages).containsExactly("Dashboard", "Services", "Streams", "Peers", "Swarm", "NAT", "Simulator", "Settings");
    }

    @Test
    void aServiceThatFailsRaisesANotificationWithTheReason(FxRobot robot) throws Exception {
        fx.services().stop("admin");
        try (ServerSocket squatter = new ServerSocket()) {
            // The port is sometimes not free again at once after the stop; wait rather than fail.
            waitFor(5, TimeUnit.SECONDS, () -> bound(squatter));
            fx.services().start("admin");
            waitFor(5, TimeUnit.SECONDS, () -> robot.lookup(".notification-bar .title")
                    .match((Label l) -> l.getText().equals("Service admin failed")).tryQuery().isPresent());
        }
        assertThat(robot.lookup(".notification-bar").lookup((Node n) -> n instanceof Label l && l.getText() != null
                && l.getText().contains("address already in use")).tryQuery()).isPresent();
    }

    private boolean bound(ServerSocket socket) {
        try {
            socket.bind(new InetSocketAddress("127.0.0.1", adminPort));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void darkThemeAppliesAtOnceAndIsRememberedInTheDataDirectory(FxRobot robot) throws Exception {
        assertThat(ConsolePreferences.load(fx.testNode().dataDir()).theme()).isEqualTo(Theme.LIGHT);
        robot.clickOn(robot.lookup("#theme-switch").lookup(".thumb-area").queryAs(Node.class));
        waitFor(2, TimeUnit.SECONDS, () -> onFx(() -> stage.getScene().getStylesheets().stream()
                .anyMatch(s -> s.endsWith("console-dark.css"))));
        assertThat(ConsolePreferences.load(fx.testNode().dataDir()).theme()).isEqualTo(Theme.DARK);
        assertThat(onFx(() -> stage.getScene().getStylesheets().get(0))).endsWith("console.css");

        robot.clickOn(robot.lookup("#theme-switch").lookup(".thumb-area").queryAs(Node.class));
        waitFor(2, TimeUnit.SECONDS, () -> onFx(() -> stage.getScene().getStylesheets().size() == 1));
        assertThat(ConsolePreferences.load(fx.testNode().dataDir()).theme()).isEqualTo(Theme.LIGHT);
    }
}
