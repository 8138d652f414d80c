package org.webp2p.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.testfx.util.WaitForAsyncUtils.waitFor;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
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
import org.webp2p.protocol.ClientKind;

/**
 * Fills a node with a few minutes' worth of peers and beacons and photographs every page, light and
 * dark. Run with {@code ./mvnw -B -o -pl ui -am verify -Dtest=ScreenshotTour
 * -Dsurefire.failIfNoSpecifiedTests=false -Dscreenshots=$PWD/docs/screenshots}.
 */
@ExtendWith(ApplicationExtension.class)
@EnabledIfSystemProperty(named = "screenshots", matches = ".+")
class ScreenshotTour {
    private static final String[] NATS = {"OPEN", "FULL_CONE", "RESTRICTED_CONE", "PORT_RESTRICTED_CONE", "SYMMETRIC",
        "SYMMETRIC", "PORT_RESTRICTED_CONE", "FULL_CONE", "UNKNOWN"};
    private ConsoleFixture fx;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        fx = ConsoleFixture.show(stage, Map.of("ui.poll-interval", "250ms",
                // Long enough that peers and the live stream are still there for the second, dark pass.
                "tracker.announce-interval", "5m", "origin.ended-after", "5m"));
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    @Test
    void photographEveryPage(FxRobot robot) throws Exception {
        Path dir = Path.of(System.getProperty("screenshots"));
        Files.createDirectories(dir);
        Random random = new Random(7);
        for (int i = 0; i < 14; i++) {
            String swarm = i < 9 ? "demo" : "cam";
            String nat = NATS[i % NATS.length];
            fx.announce(swarm, "peer-" + (100 + i), nat, "203.0.113." + (10 + i) + ":" + (40000 + i), 100 + i, 106 + i,
                    200 + random.nextInt(1800));
        }
        for (int s = 0; s < 6; s++) {
            fx.publishSegment("cam", s);
        }
        for (int tick = 0; tick < 40; tick++) {
            for (int c = 0; c < 3; c++) {
                String local = NATS[random.nextInt(NATS.length)];
                String remote = NATS[random.nextInt(NATS.length)];
                int attempts = 1 + random.nextInt(4);
                int ok = local.equals("SYMMETRIC") && remote.equals("SYMMETRIC") ? 0 : random.nextInt(attempts + 1);
                long http = 150_000 + random.nextInt(200_000);
                long p2p = (long) (http * (1.0 + tick / 12.0) * (0.6 + random.nextDouble() * 0.4));
                fx.beacon(c < 2 ? "demo" : "cam", "session-" + tick + "-" + c, local, http, p2p,
                        400 + random.nextInt(1500), random.nextInt(10) == 0 ? 800 : 0, remote, attempts, ok);
            }
            // One tick per console sample, so the trends have a history to draw.
            fx.awaitSnapshots(1);
        }
        // Each demo peer reports bytes with two or three neighbours, so the Swarm page draws edges.
        for (int i = 0; i < 9; i++) {
            Map<String, long[]> linked = new LinkedHashMap<>();
            for (int step : new int[] {1, 3, i % 2 == 0 ? 4 : 2}) {
                long bytes = 200_000L + random.nextInt(4_000_000);
                linked.put("peer-" + (100 + (i + step) % 9), new long[] {bytes, bytes / 2});
            }
            fx.linkBeacon("demo", "peer-" + (100 + i), linked);
        }
        // Four browser pages watch the demo too, sharing over WebRTC with each other only.
        List<String> pages = List.of("-PM0203-d8DYHW08sJyN", "-PM0203-4ZyvtFWaWh9h", "-PM0203-Qm4xT0pLa2Vb",
                "-PM0203-k9RrZc1NwE7s");
        for (String page : pages) {
            fx.browserJoins(ConsoleFixture.DEMO_INFO_HASH, page);
        }
        for (int i = 0; i < pages.size(); i++) {
            long http = 900_000L + random.nextInt(600_000);
            long p2p = 400_000L + random.nextInt(900_000);
            Map<String, long[]> linked = Map.of(pages.get((i + 1) % pages.size()), new long[] {p2p, p2p / 3});
            fx.trafficBeacon(ClientKind.BROWSER, "demo", "browser-" + i, pages.get(i), http, p2p, p2p, linked);
        }
        fx.awaitSnapshots(2);
        for (String theme : new String[] {"light", "dark"}) {
            if (theme.equals("dark")) {
                robot.clickOn(robot.lookup("#theme-switch").lookup(".thumb-area").queryAs(Node.class));
            }
            for (String page : new String[] {"Dashboard", "Services", "Streams", "Peers", "Swarm", "NAT", "Simulator",
                "Settings"}) {
                robot.clickOn("#nav-" + page.toLowerCase(Locale.ROOT));
                if (page.equals("Streams")) {
                    // The demo has viewers of both kinds, so its split shows both.
                    ConsoleFixture.clickCell(robot, "demo");
                }
                if (page.equals("Peers")) {
                    ConsoleFixture.clickCell(robot, "peer-104");
                }
                // A page drawn from two fresh snapshots has laid its charts and graph out.
                fx.awaitSnapshots(2);
                Path file = dir.resolve(page.toLowerCase(Locale.ROOT) + "-" + theme + ".png");
                WritableImage image = ConsoleFixture.onFx(() -> stage.getScene().snapshot(null));
                write(image, file);
                waitFor(2, TimeUnit.SECONDS, () -> Files.size(file) > 0);
                assertThat(ImageIO.read(file.toFile()).getWidth()).as(file + " is the whole window")
                        .isEqualTo((int) image.getWidth());
            }
        }
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
