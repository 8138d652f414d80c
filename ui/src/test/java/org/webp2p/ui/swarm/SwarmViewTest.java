package org.webp2p.ui.swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.testfx.util.WaitForAsyncUtils.waitFor;
import static org.webp2p.ui.ConsoleFixture.onFx;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.webp2p.ui.ConsoleFixture;

@ExtendWith(ApplicationExtension.class)
class SwarmViewTest {
    private static final List<String> DEMO_PEERS = List.of("peer-one", "peer-two", "peer-three");

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
    void drawsOneNodePerPeerOfTheChosenStreamAndClickingOneShowsThatPeer(FxRobot robot) throws Exception {
        fx.announce("demo", "peer-one", "FULL_CONE", "203.0.113.1:1935", 40, 45, 800);
        fx.announce("demo", "peer-two", "SYMMETRIC", "198.51.100.2:40000", 10, 12, 96);
        fx.announce("demo", "peer-three", "OPEN", "192.0.2.3:1935", 1, 2, 1200);
        fx.announce("cam", "peer-elsewhere", "OPEN", "192.0.2.9:1935", 1, 2, 100);
        robot.clickOn("#nav-swarm");
        SwarmView view = robot.lookup("#swarm-page").queryAs(SwarmView.class);
        SwarmGraphView graph = view.graph();

        waitFor(5, TimeUnit.SECONDS, () -> onFx(() -> "demo".equals(view.graphStream()) && graph.drawnPeers() == 3));
        waitFor(10, TimeUnit.SECONDS, () -> onFx(graph::settled));
        for (String peer : DEMO_PEERS) {
            assertThat(onFx(() -> graph.positionOf(peer))).as(peer).isPresent();
        }
        assertThat(onFx(() -> graph.positionOf("peer-elsewhere"))).as("another stream's peer").isEmpty();
        assertThat(text(robot, "#swarm-count")).isEqualTo("3 peers");

        Optional<Point2D> at = onFx(() -> graph.positionOf("peer-two").map(graph::localToScreen));
        robot.clickOn(at.orElseThrow());
        waitFor(2, TimeUnit.SECONDS, () -> text(robot, "#swarm-detail-peer-id").equals("peer-two"));
        assertThat(text(robot, "#swarm-detail-nat-type")).isEqualTo("SYMMETRIC");
        assertThat(text(robot, "#swarm-detail-addresses")).isEqualTo("198.51.100.2:40000");
        assertThat(text(robot, "#swarm-detail-upload-offered")).isEqualTo("96.0 kb/s");
    }

    @Test
    void choosingAnotherStreamFadesOutTheOldSwarmAndClearsTheChosenPeer(FxRobot robot) throws Exception {
        fx.announce("demo", "peer-one", "FULL_CONE", "203.0.113.1:1935", 40, 45, 800);
        fx.announce("cam", "peer-elsewhere", "OPEN", "192.0.2.9:1935", 1, 2, 100);
        robot.clickOn("#nav-swarm");
        SwarmView view = robot.lookup("#swarm-page").queryAs(SwarmView.class);
        SwarmGraphView graph = view.graph();
        choose(robot, "demo");
        waitFor(5, TimeUnit.SECONDS, () -> onFx(() -> graph.positionOf("peer-one").isPresent() && graph.settled()));
        robot.clickOn(onFx(() -> graph.positionOf("peer-one").map(graph::localToScreen)).orElseThrow());
        waitFor(2, TimeUnit.SECONDS, () -> text(robot, "#swarm-detail-peer-id").equals("peer-one"));

        choose(robot, "cam");

        waitFor(5, TimeUnit.SECONDS, () -> onFx(() -> graph.drawnPeers() == 1));
        assertThat(onFx(() -> graph.positionOf("peer-elsewhere"))).isPresent();
        assertThat(text(robot, "#swarm-detail-peer-id")).isEqualTo("-");
        assertThat(text(robot, "#swarm-count")).isEqualTo("1 peer");
    }

    @Test
    void beaconLinksBetweenPeersAreDrawnAsEdgesWeightedByTheirBytes(FxRobot robot) throws Exception {
        fx.announce("demo", "peer-one", "FULL_CONE", "203.0.113.1:1935", 40, 45, 800);
        fx.announce("demo", "peer-two", "SYMMETRIC", "198.51.100.2:40000", 10, 12, 96);
        fx.announce("demo", "peer-three", "OPEN", "192.0.2.3:1935", 1, 2, 1200);
        fx.linkBeacon("demo", "peer-one", Map.of("peer-two", new long[] {0, 800_000}, "peer-three", new long[] {0, 900}));
        fx.linkBeacon("demo", "peer-two", Map.of("peer-one", new long[] {800_000, 0}));
        fx.linkBeacon("demo", "peer-three", Map.of());
        robot.clickOn("#nav-swarm");
        SwarmView view = robot.lookup("#swarm-page").queryAs(SwarmView.class);
        SwarmGraphView graph = view.graph();
        choose(robot, "demo");

        waitFor(5, TimeUnit.SECONDS, () -> onFx(() -> graph.drawnLinks().size() == 2));
        // Both ends reported the 800 kB from peer-one to peer-two; it counts once.
        assertThat(onFx(() -> view.model().graphLinks())).containsExactly(
                new GraphLink("peer-one", "peer-two", 800_000), new GraphLink("peer-one", "peer-three", 900));
        List<LaidOutLink> drawn = onFx(graph::drawnLinks);
        assertThat(drawn).extracting(LaidOutLink::weight).contains(1.0);
        assertThat(drawn).filteredOn(l -> l.weight() < 1.0).singleElement()
                .satisfies(l -> assertThat(l.weight()).as("the light link is thinner but drawn").isPositive());
    }

    @SuppressWarnings("unchecked")
    private static void choose(FxRobot robot, String stream) throws Exception {
        ComboBox<String> chooser = robot.lookup("#swarm-stream").queryAs(ComboBox.class);
        waitFor(5, TimeUnit.SECONDS, () -> onFx(() -> chooser.getItems().contains(stream)));
        onFx(() -> {
            chooser.setValue(stream);
            return null;
        });
    }

    private static String text(FxRobot robot, String query) throws Exception {
        return onFx(() -> robot.lookup(query).queryAs(Label.class).getText());
    }
}
