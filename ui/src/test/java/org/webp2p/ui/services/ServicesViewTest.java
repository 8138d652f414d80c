package org.webp2p.ui.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.testfx.util.WaitForAsyncUtils.waitFor;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.webp2p.protocol.admin.ServiceState;
import org.webp2p.server.TestNode;
import org.webp2p.ui.NodeModel;
import org.webp2p.ui.shell.ConsoleApplication;
import org.webp2p.ui.shell.ConsolePreferences;

@ExtendWith(ApplicationExtension.class)
class ServicesViewTest {
    private TestNode testNode;
    private NodeModel node;
    private int adminPort;

    @Start
    void start(Stage stage) throws Exception {
        adminPort = TestNode.freePort();
        testNode = TestNode.open(Map.of("admin.port", Integer.toString(adminPort), "ui.poll-interval", "200ms"));
        testNode.runtime().services().startAll();
        node = new NodeModel(testNode.runtime());
        stage.setScene(ConsoleApplication.createScene(node, ConsolePreferences.load(testNode.dataDir()), url -> {
            throw new AssertionError("the Services page opens no web page, yet asked for " + url);
        }));
        stage.show();
        node.start();
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
        testNode.close();
    }

    @Test
    void switchingAServiceOffAndOnFreesAndRebindsItsPort(FxRobot robot) throws Exception {
        robot.clickOn("#nav-services");
        waitFor(5, TimeUnit.SECONDS, () -> "RUNNING".equals(text(robot, "#state-admin")));
        assertThat(text(robot, "#address-admin")).isEqualTo("127.0.0.1:" + adminPort);
        assertThat(TestNode.accepts(adminPort)).isTrue();

        robot.clickOn(robot.lookup("#toggle-admin").lookup(".thumb-area").queryAs(Node.class));
        waitFor(5, TimeUnit.SECONDS, () -> "STOPPED".equals(text(robot, "#state-admin")));
        assertThat(testNode.runtime().services().status("admin").state()).isEqualTo(ServiceState.STOPPED);
        assertThat(TestNode.canBind(adminPort)).as("port freed").isTrue();
        assertThat(text(robot, "#address-admin")).isEqualTo("-");

        robot.clickOn(robot.lookup("#toggle-admin").lookup(".thumb-area").queryAs(Node.class));
        waitFor(5, TimeUnit.SECONDS, () -> "RUNNING".equals(text(robot, "#state-admin")));
        assertThat(TestNode.accepts(adminPort)).as("port bound again").isTrue();
        assertThat(text(robot, "#address-admin")).isEqualTo("127.0.0.1:" + adminPort);
    }

    @Test
    void eventLogShowsTheStopAndStartAsTheyHappen(FxRobot robot) throws Exception {
        robot.clickOn("#nav-services");
        TableView<?> log = robot.lookup("#event-log").queryAs(TableView.class);
        waitFor(5, TimeUnit.SECONDS, () -> log.getItems().size() >= 2);
        int before = log.getItems().size();
        robot.clickOn("#restart-admin");
        waitFor(5, TimeUnit.SECONDS, () -> log.getItems().size() >= before + 4);
        assertThat(log.getItems().get(0).toString()).contains("admin").contains("RUNNING");
    }

    @Test
    void failedStartShowsTheReason(FxRobot robot) throws Exception {
        robot.clickOn("#nav-services");
        testNode.runtime().services().stop("admin");
        try (var squatter = new ServerSocket()) {
            // The port is sometimes not free again at once after the stop; wait rather than fail.
            waitFor(5, TimeUnit.SECONDS, () -> bound(squatter));
            testNode.runtime().services().start("admin");
            // The manager records the reason a moment before the state, so wait for both.
            waitFor(5, TimeUnit.SECONDS, () -> text(robot, "#error-admin").contains("address already in use")
                    && "FAILED".equals(text(robot, "#state-admin")));
            assertThat(text(robot, "#state-admin")).isEqualTo("FAILED");
            assertThat(robot.lookup("#state-admin").queryAs(Label.class).getStyleClass()).contains("state-failed");
        }
    }

    private boolean bound(ServerSocket socket) {
        try {
            socket.bind(new InetSocketAddress("127.0.0.1", adminPort));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

}
