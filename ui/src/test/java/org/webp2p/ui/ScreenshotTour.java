package org.webp2p.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.testfx.util.WaitForAsyncUtils.waitFor;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.webp2p.protocol.admin.LiveSession;

/**
 * Photographs every page, light and dark, of a console on a real node that a real swarm plays: the
 * Simulator page starts SDK viewers behind emulated NATs, so every peer, byte and NAT pair shown is one
 * the node saw. First the Dashboard of the empty node, as a newcomer meets it. Run under Xvfb with
 * {@code xvfb-run -a -s "-screen 0 1280x800x24" ./mvnw -B -o -pl ui -am verify -Dgui -Dtest=ScreenshotTour
 * -Dsurefire.failIfNoSpecifiedTests=false -Dscreenshots=$PWD/docs/screenshots}.
 */
@ExtendWith(ApplicationExtension.class)
@EnabledIfSystemProperty(named = "screenshots", matches = ".+")
class ScreenshotTour {
    private static final int PEERS = 24;
    private ConsoleFixture fx;
    private Stage stage;
    private Path dir;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        fx = ConsoleFixture.show(stage, Map.of("ui.poll-interval", "500ms"));
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    @Test
    void photographEveryPageOfANodeASimulatedSwarmPlays(FxRobot robot) throws Exception {
        dir = Path.of(System.getProperty("screenshots"));
        Files.createDirectories(dir);
        waitFor(10, TimeUnit.SECONDS, () -> ConsoleFixture.onFx(() -> robot.lookup("#first-run-offer").query().isVisible()));
        fx.awaitSnapshots(2);
        photograph("first-run-light.png");

        robot.clickOn("#nav-simulator");
        set(robot, "#sim-peers", Integer.toString(PEERS));
        set(robot, "#sim-churn", "10");
        set(robot, "#sim-duration", "10m");
        robot.clickOn("#sim-start");
        waitFor(60, TimeUnit.SECONDS, () -> fx.tracker().peersOfStream("demo").size() >= PEERS);
        // Minutes of play: the trends have a history, the peers have traded segments and tried each pair of NATs.
        Thread.sleep(120_000);
        assertThat(fx.node().snapshotProperty().get().global().natPairs()).as("peers tried each other through their NATs")
                .anyMatch(p -> p.successes() > 0);

        for (String theme : new String[] {"light", "dark"}) {
            if (theme.equals("dark")) {
                robot.clickOn(robot.lookup("#theme-switch").lookup(".thumb-area").queryAs(Node.class));
            }
            for (String page : new String[] {"Dashboard", "Services", "Streams", "Peers", "Swarm", "NAT", "Settings"}) {
                robot.clickOn("#nav-" + page.toLowerCase(Locale.ROOT));
                if (page.equals("Streams")) {
                    ConsoleFixture.clickCell(robot, "demo");
                }
                if (page.equals("Peers")) {
                    // The peer that took the most from others, whose details have connections to show.
                    TableView<LiveRow<LivePeer>> table = robot.lookup("#peers-table").queryAs(TableView.class);
                    ConsoleFixture.onFx(() -> {
                        table.getItems().stream().max(Comparator.comparingLong(r -> r.get().traffic()
                                .map(LiveSession::p2pBytes).orElse(0L))).ifPresent(table.getSelectionModel()::select);
                        return null;
                    });
                }
                // A page drawn from two fresh snapshots has laid its charts and graph out.
                fx.awaitSnapshots(2);
                photograph(page.toLowerCase(Locale.ROOT) + "-" + theme + ".png");
            }
        }
        // The Simulator page with its report: the run stopped early, its peers' experience so far.
        robot.clickOn("#nav-simulator");
        robot.clickOn("#sim-stop");
        waitFor(60, TimeUnit.SECONDS, () -> ConsoleFixture.onFx(() ->
                !robot.lookup("#sim-report-peers-started").queryAs(Label.class).getText().equals("-")));
        photograph("simulator-dark.png");
        robot.clickOn(robot.lookup("#theme-switch").lookup(".thumb-area").queryAs(Node.class));
        fx.awaitSnapshots(2);
        photograph("simulator-light.png");
    }

    private void photograph(String name) throws Exception {
        Path file = dir.resolve(name);
        WritableImage image = ConsoleFixture.onFx(() -> stage.getScene().snapshot(null));
        write(image, file);
        waitFor(2, TimeUnit.SECONDS, () -> Files.size(file) > 0);
        assertThat(ImageIO.read(file.toFile()).getWidth()).as(file + " is the whole window").isEqualTo((int) image.getWidth());
    }

    private static void set(FxRobot robot, String field, String value) throws Exception {
        TextField f = robot.lookup(field).queryAs(TextField.class);
        ConsoleFixture.onFx(() -> {
            f.setText(value);
            return null;
        });
    }

    private static void write(WritableImage image, Path file) {
        try {
            // javafx-swing is not a dependency; copying the pixels is all SwingFXUtils would do here.
            int w = (int) image.getWidth();
            int h = (int) image.getHeight();
            BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    out.setRGB(x, y, image.getPixelReader().getArgb(x, y));
                }
            }
            ImageIO.write(out, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
