package org.webp2p.ui.swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.testfx.util.WaitForAsyncUtils.waitFor;
import static org.webp2p.ui.ConsoleFixture.onFx;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.webp2p.nat.NatType;
import org.webp2p.protocol.ClientKind;
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
        assertThat(text(robot, "#swarm-detail-local-addresses")).isEqualTo("198.51.100.2:40000");
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

    @Test
    void browserPeersOfTheRenditionAreDrawnAsSquaresBesideSdkCirclesWithALegendForBoth(FxRobot robot)
            throws Exception {
        // Both kinds in the demo's 180p rendition: the browser by the info hash of its variant.
        fx.announce("demo/180p", "peer-one", "FULL_CONE", "203.0.113.1:1935", 40, 45, 800);
        fx.browserJoins(ConsoleFixture.DEMO_INFO_HASH, "-PM0203-aaaaaaaaaaaa");
        // A page whose beacons name no rendition (an older player) still shows its bytes.
        fx.trafficBeacon(ClientKind.BROWSER, "demo", "s-a", "-PM0203-aaaaaaaaaaaa", 600, 400, 250, Map.of());
        robot.clickOn("#nav-swarm");
        SwarmView view = robot.lookup("#swarm-page").queryAs(SwarmView.class);
        SwarmGraphView graph = view.graph();
        choose(robot, "demo/180p");

        waitFor(5, TimeUnit.SECONDS, () -> onFx(() -> graph.drawnPeers() == 2 && graph.settled()));
        assertThat(onFx(() -> view.model().graphPeers())).extracting(GraphPeer::peerId, GraphPeer::kind)
                .containsExactlyInAnyOrder(tuple("peer-one", ClientKind.SDK),
                        tuple("-PM0203-aaaaaaaaaaaa", ClientKind.BROWSER));
        assertThat(text(robot, "#swarm-count")).isEqualTo("2 peers: 1 sdk, 1 browser");
        assertThat(text(robot, "#swarm-legend-sdk")).isEqualTo("SDK peer");
        assertThat(text(robot, "#swarm-legend-browser")).isEqualTo("browser peer");

        // A square fills its box; a circle leaves the corners empty (pi/4 of the box).
        WritableImage picture = onFx(() -> graph.canvas().snapshot(null, null));
        assertThat(filled(picture, onFx(() -> graph.boundsOf("-PM0203-aaaaaaaaaaaa")).orElseThrow(),
                NatPalette.of(NatType.UNKNOWN))).as("the browser's share of its box").isGreaterThan(0.9);
        assertThat(filled(picture, onFx(() -> graph.boundsOf("peer-one")).orElseThrow(),
                NatPalette.of(NatType.FULL_CONE))).as("the SDK peer's share of its box").isBetween(0.6, 0.86);

        robot.clickOn(onFx(() -> graph.positionOf("-PM0203-aaaaaaaaaaaa").map(graph::localToScreen)).orElseThrow());
        waitFor(2, TimeUnit.SECONDS, () -> text(robot, "#swarm-detail-peer-id").equals("-PM0203-aaaaaaaaaaaa"));
        assertThat(text(robot, "#swarm-detail-kind")).isEqualTo("browser");
        assertThat(text(robot, "#swarm-detail-nat-type")).as("a browser reports none").isEmpty();
        assertThat(text(robot, "#swarm-detail-from-peers")).isEqualTo("400 B");
    }

    /** The share of the pixels in {@code box} drawn in {@code colour}. */
    private static double filled(WritableImage picture, Bounds box, Color colour) {
        int inside = 0;
        int all = 0;
        for (int y = (int) Math.ceil(box.getMinY()); y < (int) Math.floor(box.getMaxY()); y++) {
            for (int x = (int) Math.ceil(box.getMinX()); x < (int) Math.floor(box.getMaxX()); x++) {
                Color c = picture.getPixelReader().getColor(x, y);
                all++;
                if (Math.abs(c.getRed() - colour.getRed()) < 0.05 && Math.abs(c.getGreen() - colour.getGreen()) < 0.05
                        && Math.abs(c.getBlue() - colour.getBlue()) < 0.05) {
                    inside++;
                }
            }
        }
        return (double) inside / all;
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
