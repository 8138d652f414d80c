package org.webp2p.ui.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.testfx.util.WaitForAsyncUtils.waitFor;
import static org.webp2p.ui.ConsoleFixture.clickCell;
import static org.webp2p.ui.ConsoleFixture.onFx;

import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.webp2p.protocol.ClientKind;
import org.webp2p.protocol.admin.StreamStats;
import org.webp2p.protocol.admin.SwarmFigures;
import org.webp2p.server.origin.LiveIngest;
import org.webp2p.server.rtmp.RtmpService;
import org.webp2p.server.rtmp.session.PublishName;
import org.webp2p.ui.ConsoleFixture;
import org.webp2p.ui.Format;
import org.webp2p.ui.LivePeer;
import org.webp2p.ui.LiveRow;

@ExtendWith(ApplicationExtension.class)
class StreamsViewTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private ConsoleFixture fx;

    @Start
    void start(Stage stage) throws Exception {
        fx = ConsoleFixture.show(stage, Map.of());
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    @Test
    void listsEachStreamWithTheViewersOfItsSwarmAndTheirOffload(FxRobot robot) throws Exception {
        robot.clickOn("#nav-streams");
        fx.announce("demo", "a1", "FULL_CONE", "203.0.113.1:1935", 1, 6, 800);
        fx.announce("demo", "a2", "OPEN", "203.0.113.2:1935", 1, 6, 800);
        fx.announce("elsewhere", "x1", "OPEN", "203.0.113.3:1935", 1, 6, 800);
        fx.beacon("demo", "s1", "FULL_CONE", 1000, 3000, 700, 0, "OPEN", 1, 1);
        fx.publishSegment("cam", 0);

        waitFor(5, TimeUnit.SECONDS, () -> row(robot, "demo").map(r -> r.viewers() == 2 && r.offload() > 0)
                .orElse(false) && row(robot, "cam").map(r -> r.segments() == 1).orElse(false));
        StreamRow demo = row(robot, "demo").orElseThrow();
        assertThat(demo.kind()).isEqualTo(StreamStats.Kind.DEMO);
        assertThat(demo.viewers()).isEqualTo(fx.tracker().peers("demo").size());
        assertThat(demo.offload()).isEqualTo(fx.pingback().figures("demo").orElseThrow().offloadRatio());
        StreamStats cam = fx.origin().streams().stream().filter(s -> s.name().equals("cam")).findFirst().orElseThrow();
        StreamRow camRow = row(robot, "cam").orElseThrow();
        assertThat(camRow.kind()).isEqualTo(StreamStats.Kind.LIVE);
        assertThat(camRow.ingest()).contains(StreamStats.Ingest.HTTP);
        assertThat(camRow.kindLabel()).isEqualTo("live");
        assertThat(camRow.segments()).isEqualTo(cam.segments()).isEqualTo(1);
        assertThat(camRow.bitrate()).isEqualTo(cam.ingestBitrate());
        assertThat(camRow.viewers()).isZero();
        // The table redraws its cells on the next pulse after the row changes.
        waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("75.0 %").tryQuery().isPresent());
    }

    @Test
    void listsTheRenditionsOfAStreamUnderItWithTheirOwnFiguresAndTheStreamWithAll(FxRobot robot) throws Exception {
        robot.clickOn("#nav-streams");
        fx.publishSegment("zeta", 0);
        fx.publishSegment("cam/720p", 0);
        fx.publishSegment("cam/360p", 0);
        for (String path : new String[] {"/live/cam/720p/index.m3u8", "/live/cam/720p/index.m3u8", "/live/cam/360p/index.m3u8"}) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(fx.uri("origin", path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
        }

        waitFor(5, TimeUnit.SECONDS, () -> row(robot, "cam").map(r -> r.requests() >= 3).orElse(false));
        StreamRow hd = row(robot, "cam/720p").orElseThrow();
        StreamRow sd = row(robot, "cam/360p").orElseThrow();
        StreamRow cam = row(robot, "cam").orElseThrow();
        assertThat(hd.requests()).isEqualTo(2);
        assertThat(sd.requests()).isEqualTo(1);
        assertThat(cam.requests()).as("the stream counts all its renditions").isEqualTo(3);
        assertThat(cam.bytesOut()).isEqualTo(hd.bytesOut() + sd.bytesOut());
        assertThat(cam.playbackUrl()).hasValueSatisfying(u -> assertThat(u).endsWith("/live/cam/master.m3u8"));
        TableView<LiveRow<StreamRow>> table = robot.lookup("#streams-table").queryAs(TableView.class);
        List<String> order = onFx(() -> table.getItems().stream().map(LiveRow::key).toList());
        assertThat(order).containsSubsequence("cam", "cam/360p", "cam/720p", "demo", "zeta");
        assertThat(order.indexOf("cam/360p")).isEqualTo(order.indexOf("cam") + 1);
        waitFor(5, TimeUnit.SECONDS, () -> robot.lookup(ConsoleFixture.cellWithText("\u2514 720p")).tryQuery().isPresent()
                && robot.lookup(ConsoleFixture.cellWithText("\u2514 360p")).tryQuery().isPresent());
    }

    @Test
    void eachRenditionShowsItsOwnPeersAndOffloadAndItsStreamTheTotalsPlayedThroughTheMasterPlaylist(FxRobot robot)
            throws Exception {
        robot.clickOn("#nav-streams");
        fx.announce("demo/180p", "a1", "FULL_CONE", "203.0.113.1:1935", 1, 6, 800);
        fx.announce("demo/180p", "a2", "OPEN", "203.0.113.2:1935", 1, 6, 800);
        fx.announce("demo/90p", "b1", "OPEN", "203.0.113.3:1935", 1, 6, 800);
        fx.renditionBeacon("demo", "180p", "s1", "a1", 1000, 3000);
        fx.renditionBeacon("demo", "180p", "s2", "a2", 1000, 1000);
        fx.renditionBeacon("demo", "90p", "s3", "b1", 2000, 0);

        waitFor(5, TimeUnit.SECONDS, () -> row(robot, "demo/90p").map(r -> r.viewers() == 1 && r.sdk().sessions() == 1)
                .orElse(false) && row(robot, "demo/180p").map(r -> r.viewers() == 2 && r.offload() > 0).orElse(false)
                && row(robot, "demo").map(r -> r.viewers() == 3).orElse(false));
        StreamRow hd = row(robot, "demo/180p").orElseThrow();
        StreamRow low = row(robot, "demo/90p").orElseThrow();
        StreamRow demo = row(robot, "demo").orElseThrow();
        assertThat(hd.offload()).isEqualTo(fx.pingback().renditions().stream().filter(f -> f.swarm().equals("demo/180p"))
                .findFirst().orElseThrow().offloadRatio()).isCloseTo(4000.0 / 6000, within(1e-9));
        assertThat(hd.sdk().p2pBytes()).isEqualTo(4000);
        assertThat(hd.sdk().sessions()).isEqualTo(2);
        assertThat(low.offload()).isZero();
        assertThat(low.sdk().httpBytes()).isEqualTo(2000);
        assertThat(demo.offload()).as("the stream's totals, not its renditions' added twice")
                .isEqualTo(fx.pingback().figures("demo").orElseThrow().offloadRatio()).isEqualTo(0.5);
        assertThat(demo.sdk().httpBytes()).isEqualTo(4000);
        assertThat(demo.sdk().sessions()).isEqualTo(3);
        LivePeer a1 = onFx(() -> fx.node().snapshotProperty().get().livePeers().stream()
                .filter(p -> p.peerId().equals("a1")).findFirst().orElseThrow());
        assertThat(a1.traffic()).as("its session, told under the stream, is matched to its rendition's swarm")
                .hasValueSatisfying(t -> assertThat(t.p2pBytes()).isEqualTo(3000));
        waitFor(5, TimeUnit.SECONDS, () -> robot.lookup(ConsoleFixture.cellWithText("66.7 %")).tryQuery().isPresent()
                && robot.lookup(ConsoleFixture.cellWithText("50.0 %")).tryQuery().isPresent());

        choose(robot, "demo");
        String master = fx.uri("origin", "/live/demo/master.m3u8").toString();
        waitFor(2, TimeUnit.SECONDS, () -> text(robot, "#streams-hint").equals("Play " + master));
        robot.clickOn("#copy-playback");
        assertThat(onFx(() -> Clipboard.getSystemClipboard().getString())).isEqualTo(master);
        HttpResponse<String> played = http.send(HttpRequest.newBuilder(URI.create(master)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(played.statusCode()).isEqualTo(200);
        assertThat(played.body()).contains("180p/index.m3u8").contains("90p/index.m3u8");
    }

    @Test
    void aStreamsRenditionsAreListedUnderItBeforeAnyoneWatches(FxRobot robot) throws Exception {
        robot.clickOn("#nav-streams");
        waitFor(5, TimeUnit.SECONDS, () -> row(robot, "demo/90p").isPresent() && row(robot, "demo/180p").isPresent());
        TableView<LiveRow<StreamRow>> table = robot.lookup("#streams-table").queryAs(TableView.class);
        List<String> order = onFx(() -> table.getItems().stream().map(LiveRow::key).toList());
        assertThat(order).containsSubsequence("demo", "demo/180p", "demo/90p");
        assertThat(order.indexOf("demo/180p")).isEqualTo(order.indexOf("demo") + 1);
        assertThat(row(robot, "demo/180p").orElseThrow().viewers()).isZero();
    }

    @Test
    void showsAStreamAnRtmpPublisherFeedsAsRtmpWithItsBitrateAndLastSegment(FxRobot robot) throws Exception {
        robot.clickOn("#nav-streams");
        LiveIngest ingest = fx.origin().liveIngest();
        ingest.begin("studio", InetAddress.getLoopbackAddress()).get(5, TimeUnit.SECONDS);
        ingest.append("studio", new byte[188 * 1000], Duration.ofSeconds(2)).get(5, TimeUnit.SECONDS);

        waitFor(5, TimeUnit.SECONDS, () -> row(robot, "studio").map(r -> r.segments() == 1).orElse(false));
        StreamRow studio = row(robot, "studio").orElseThrow();
        assertThat(studio.ingest()).contains(StreamStats.Ingest.RTMP);
        assertThat(studio.kindLabel()).isEqualTo("rtmp");
        assertThat(studio.bitrate()).isEqualTo(188 * 1000 * 8 / 2);
        assertThat(studio.lastSegmentAge()).isPresent();
        waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("rtmp").tryQuery().isPresent()
                && robot.lookup(Format.bitsPerSecond(188 * 1000 * 8 / 2)).tryQuery().isPresent());

        ingest.end("studio").get(5, TimeUnit.SECONDS);
        waitFor(5, TimeUnit.SECONDS, () -> row(robot, "studio").map(r -> r.kindLabel().equals("ended")).orElse(false));
    }

    @Test
    void copiesTheServerUrlAndStreamKeyOfObsWhichTheRtmpServiceAcceptsForThatStream(FxRobot robot) throws Exception {
        robot.clickOn("#nav-streams");
        fx.publishSegment("cam", 0);
        waitFor(5, TimeUnit.SECONDS, () -> row(robot, "cam").isPresent());

        choose(robot, "cam");
        robot.clickOn("#copy-rtmp-server");
        String server = onFx(() -> Clipboard.getSystemClipboard().getString());
        robot.clickOn("#copy-rtmp-key");
        String key = onFx(() -> Clipboard.getSystemClipboard().getString());

        int rtmpPort = fx.testNode().address(RtmpService.NAME).getPort();
        assertThat(server).isEqualTo("rtmp://127.0.0.1:" + rtmpPort + "/live");
        assertThat(key).isEqualTo("cam?key=" + ConsoleFixture.PUBLISH_KEY);
        PublishName presented = PublishName.parse(key);
        assertThat(fx.origin().liveIngest().authorise(presented.name(), presented.key())).as("what RTMP publish checks")
                .contains("cam");

        choose(robot, "demo");
        waitFor(2, TimeUnit.SECONDS, () -> robot.lookup("#copy-rtmp-key").queryAs(Button.class).isDisabled());
        assertThat(robot.lookup("#copy-rtmp-server").queryAs(Button.class).isDisabled()).as("the demo takes no encoder")
                .isTrue();
    }

    @Test
    void copiesAPlaybackUrlThatPlaysAndAPublishUrlThatPublishes(FxRobot robot) throws Exception {
        robot.clickOn("#nav-streams");
        fx.publishSegment("cam", 0);
        waitFor(5, TimeUnit.SECONDS, () -> row(robot, "cam").isPresent());

        choose(robot, "cam");
        robot.clickOn("#copy-playback");
        String playback = onFx(() -> Clipboard.getSystemClipboard().getString());
        assertThat(playback).isEqualTo(fx.uri("origin", "/live/cam/index.m3u8").toString());
        HttpResponse<String> played = http.send(HttpRequest.newBuilder(URI.create(playback)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(played.statusCode()).isEqualTo(200);

        robot.clickOn("#copy-publish");
        String publish = onFx(() -> Clipboard.getSystemClipboard().getString());
        assertThat(publish).isEqualTo(fx.uri("origin", "/ingest/" + ConsoleFixture.PUBLISH_KEY + "/cam/index.m3u8")
                .toString());
        // As ffmpeg does: the segment's URL is the playlist URL's with the file name replaced.
        HttpResponse<String> segment = http.send(HttpRequest.newBuilder(URI.create(publish).resolve("index1.ts"))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[2000])).build(), HttpResponse.BodyHandlers.ofString());
        String next = "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:0\n"
                + "#EXTINF:2.000000,\nindex0.ts\n#EXTINF:2.000000,\nindex1.ts\n";
        HttpResponse<String> pushed = http.send(HttpRequest.newBuilder(URI.create(publish))
                .PUT(HttpRequest.BodyPublishers.ofString(next)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(segment.statusCode()).as("the copied key reaches the segments too").isEqualTo(204);
        assertThat(pushed.statusCode()).as("the copied key is accepted").isEqualTo(204);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(playback)).build(), HttpResponse.BodyHandlers.ofString())
                .body()).contains("s1.ts");

        choose(robot, "demo");
        waitFor(2, TimeUnit.SECONDS, () -> robot.lookup("#copy-publish").queryAs(Button.class).isDisabled());
        assertThat(robot.lookup("#copy-playback").queryAs(Button.class).isDisabled()).isFalse();
    }

    @Test
    void copiesATokenTheApiTakesForTheChosenStream(FxRobot robot) throws Exception {
        robot.clickOn("#nav-streams");
        waitFor(5, TimeUnit.SECONDS, () -> row(robot, "demo").isPresent());
        choose(robot, "demo");
        onFx(() -> {
            Clipboard.getSystemClipboard().clear();
            return null;
        });

        robot.clickOn("#copy-token");

        waitFor(5, TimeUnit.SECONDS, () -> onFx(() -> Clipboard.getSystemClipboard().hasString()));
        String token = onFx(() -> Clipboard.getSystemClipboard().getString());
        HttpResponse<String> session = http.send(HttpRequest.newBuilder(fx.uri("api", "/v1/sessions"))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"stream\":\"demo\",\"token\":\"" + token + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(session.statusCode()).as(session.body()).isEqualTo(201);
    }

    @Test
    void showsTheLatencyToLiveItsViewersToldInTheTableAndTheChosenStreamsDetails(FxRobot robot) throws Exception {
        robot.clickOn("#nav-streams");
        for (int i = 1; i <= 20; i++) {
            fx.latencyBeacon("demo", "s" + i, 4_000 + i * 100L);
        }

        // The page takes a snapshot a second: wait for one taken after the last beacon.
        waitFor(5, TimeUnit.SECONDS, () -> row(robot, "demo").map(r -> r.latencyP50Ms() == 5_000).orElse(false));
        SwarmFigures figures = fx.pingback().figures("demo").orElseThrow();
        StreamRow demo = row(robot, "demo").orElseThrow();
        assertThat(demo.latencyP50Ms()).isEqualTo(figures.latencyP50Ms()).isEqualTo(5_000);
        assertThat(demo.latencyP95Ms()).isEqualTo(figures.latencyP95Ms()).isEqualTo(5_900);
        waitFor(5, TimeUnit.SECONDS, () -> robot.lookup(ConsoleFixture.cellWithText("5.0 s")).tryQuery().isPresent()
                && robot.lookup(ConsoleFixture.cellWithText("5.9 s")).tryQuery().isPresent());

        choose(robot, "demo");
        waitFor(2, TimeUnit.SECONDS, () -> text(robot, "#streams-latency").contains("p95 5.9 s"));
        assertThat(text(robot, "#streams-latency")).contains("p50 5.0 s");
    }

    @Test
    void viewersAndOffloadAreSplitBetweenBrowserAndSdkViewers(FxRobot robot) throws Exception {
        robot.clickOn("#nav-streams");
        fx.announce("demo", "a1", "FULL_CONE", "203.0.113.1:1935", 1, 6, 800);
        fx.announce("demo", "a2", "OPEN", "203.0.113.2:1935", 1, 6, 800);
        fx.browserJoins(ConsoleFixture.DEMO_INFO_HASH, "-PM0203-aaaaaaaaaaaa");
        fx.trafficBeacon(ClientKind.SDK, "demo", "s1", "a1", 1000, 3000, 0, Map.of());
        fx.trafficBeacon(ClientKind.BROWSER, "demo", "b1", "-PM0203-aaaaaaaaaaaa", 600, 400, 200, Map.of());

        waitFor(5, TimeUnit.SECONDS, () -> row(robot, "demo").map(r -> r.browserViewers() == 1
                && r.sdkViewers() == 2 && r.browser().sessions() == 1 && r.sdk().sessions() == 1).orElse(false));
        StreamRow demo = row(robot, "demo").orElseThrow();
        SwarmFigures figures = fx.pingback().figures("demo").orElseThrow();
        assertThat(demo.viewers()).isEqualTo(3);
        assertThat(demo.browser()).isEqualTo(figures.client(ClientKind.BROWSER));
        assertThat(demo.browser().offloadRatio()).isEqualTo(0.4);
        assertThat(demo.sdk()).isEqualTo(figures.client(ClientKind.SDK));
        assertThat(demo.sdk().offloadRatio()).isEqualTo(0.75);
        assertThat(demo.offload()).isEqualTo(figures.offloadRatio()).isEqualTo(0.68);
        waitFor(5, TimeUnit.SECONDS, () -> robot.lookup(ConsoleFixture.cellWithText("40.0 %")).tryQuery().isPresent()
                && robot.lookup(ConsoleFixture.cellWithText("75.0 %")).tryQuery().isPresent()
                && robot.lookup(ConsoleFixture.cellWithText("68.0 %")).tryQuery().isPresent());

        choose(robot, "demo");
        waitFor(2, TimeUnit.SECONDS, () -> text(robot, "#streams-split-browser-sessions").equals("1"));
        assertThat(text(robot, "#streams-split-browser-http")).isEqualTo("600 B");
        assertThat(text(robot, "#streams-split-browser-p2p")).isEqualTo("400 B");
        assertThat(text(robot, "#streams-split-browser-offload")).isEqualTo("40.0 %");
        assertThat(text(robot, "#streams-split-sdk-http")).isEqualTo("1.00 kB");
        assertThat(text(robot, "#streams-split-sdk-p2p")).isEqualTo("3.00 kB");
        assertThat(text(robot, "#streams-split-sdk-offload")).isEqualTo("75.0 %");
    }

    @Test
    void aBrowserPageCountsOnTheRenditionItPlaysWithItsOwnViewerAndOffload(FxRobot robot) throws Exception {
        robot.clickOn("#nav-streams");
        // In the WebSocket swarm of the demo's 180p variant, its beacons naming 180p.
        fx.browserJoins(ConsoleFixture.DEMO_INFO_HASH, "-PM0203-aaaaaaaaaaaa");
        fx.trafficBeacon(ClientKind.BROWSER, "demo", "180p", "b1", "-PM0203-aaaaaaaaaaaa", 600, 400, 200, Map.of());

        waitFor(5, TimeUnit.SECONDS, () -> row(robot, "demo/180p").map(r -> r.browserViewers() == 1
                && r.browser().sessions() == 1).orElse(false));
        StreamRow hd = row(robot, "demo/180p").orElseThrow();
        assertThat(hd.browser().httpBytes()).isEqualTo(600);
        assertThat(hd.browser().p2pBytes()).isEqualTo(400);
        assertThat(hd.offload()).isEqualTo(0.4);
        assertThat(row(robot, "demo/90p").orElseThrow().browserViewers()).isZero();
        StreamRow demo = row(robot, "demo").orElseThrow();
        assertThat(demo.browserViewers()).as("the stream's row holds its renditions' viewers").isEqualTo(1);
        assertThat(demo.browser()).isEqualTo(hd.browser());
    }

    @Test
    void opensTheStreamsPlayerPageInTheBrowserWithATokenWhenTheStreamNeedsOne(FxRobot robot) throws Exception {
        robot.clickOn("#nav-streams");
        fx.publishSegment("cam", 0);
        waitFor(5, TimeUnit.SECONDS, () -> row(robot, "demo").isPresent() && row(robot, "cam").isPresent());
        String origin = fx.uri("origin", "").toString();

        choose(robot, "demo");
        robot.clickOn("#open-player");
        waitFor(5, TimeUnit.SECONDS, () -> !fx.openedInBrowser().isEmpty());
        assertThat(fx.openedInBrowser()).containsExactly(origin + "/play/demo");
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(fx.openedInBrowser().get(0))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));

        choose(robot, "cam");
        robot.clickOn("#open-player");
        waitFor(5, TimeUnit.SECONDS, () -> fx.openedInBrowser().size() == 2);
        String camPage = fx.openedInBrowser().get(1);
        assertThat(camPage).startsWith(origin + "/play/cam?token=");
        String token = URLDecoder.decode(camPage.substring(camPage.indexOf("?token=") + 7), StandardCharsets.UTF_8);
        HttpResponse<String> session = http.send(HttpRequest.newBuilder(fx.uri("api", "/v1/sessions"))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"stream\":\"cam\",\"token\":\"" + token + "\",\"client\":\"browser\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(session.statusCode()).as("the page's token opens a session: " + session.body()).isEqualTo(201);
    }

    @Test
    void copiesAnEmbedSnippetWithThisNodesAddressesThatLoadsThePlayerAndReachesTheApi(FxRobot robot)
            throws Exception {
        robot.clickOn("#nav-streams");
        fx.publishSegment("cam", 0);
        waitFor(5, TimeUnit.SECONDS, () -> row(robot, "demo").isPresent() && row(robot, "cam").isPresent());
        String origin = fx.uri("origin", "").toString();
        String api = fx.uri("api", "").toString();

        choose(robot, "demo");
        robot.clickOn("#copy-embed");
        String snippet = onFx(() -> Clipboard.getSystemClipboard().getString());
        assertThat(snippet).isEqualTo("""
                <video id="live" controls playsinline style="width: 100%%"></video>
                <script src="%s/play/webp2p-player.js"></script>
                <script>
                  WebP2P.attach(document.getElementById("live"), {
                    stream: "demo",
                    api: "%s",
                  });
                </script>
                """.formatted(origin, api));
        HttpResponse<String> script = http.send(HttpRequest.newBuilder(URI.create(origin + "/play/webp2p-player.js"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).contains("attach");
        HttpResponse<String> session = http.send(HttpRequest.newBuilder(URI.create(api + "/v1/sessions"))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"stream\":\"demo\",\"client\":\"browser\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(session.statusCode()).as("the demo needs no token: " + session.body()).isEqualTo(201);

        choose(robot, "cam");
        robot.clickOn("#copy-embed");
        assertThat(onFx(() -> Clipboard.getSystemClipboard().getString())).as("cam needs a token from the site")
                .contains("    stream: \"cam\",\n    token: \"TOKEN\",   // from your backend: webp2p token --stream cam")
                .contains("    api: \"" + api + "\",");
    }

    private static String text(FxRobot robot, String query) throws Exception {
        return onFx(() -> robot.lookup(query).queryAs(Label.class).getText());
    }

    @SuppressWarnings("unchecked")
    /**
     * Clicks the stream's row until it is the one chosen: a row that arrives while the robot moves
     * sorts in above (renditions go under their stream) and can take the click.
     */
    private static void choose(FxRobot robot, String name) throws Exception {
        TableView<LiveRow<StreamRow>> table = robot.lookup("#streams-table").queryAs(TableView.class);
        for (int i = 0; i < 3; i++) {
            clickCell(robot, name);
            LiveRow<StreamRow> chosen = onFx(() -> table.getSelectionModel().getSelectedItem());
            if (chosen != null && chosen.key().equals(name)) {
                return;
            }
        }
        throw new AssertionError("could not choose " + name);
    }

    private static Optional<StreamRow> row(FxRobot robot, String name) throws Exception {
        TableView<LiveRow<StreamRow>> table = robot.lookup("#streams-table").queryAs(TableView.class);
        return onFx(() -> table.getItems().stream().filter(r -> r.key().equals(name)).map(LiveRow::get).findFirst());
    }
}
