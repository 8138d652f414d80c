package org.webp2p.ui.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.testfx.util.WaitForAsyncUtils.waitFor;
import static org.webp2p.ui.ConsoleFixture.clickCell;
import static org.webp2p.ui.ConsoleFixture.onFx;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.webp2p.protocol.ClientKind;
import org.webp2p.protocol.admin.LiveSession;
import org.webp2p.protocol.admin.PeerRecord;
import org.webp2p.ui.ConsoleFixture;
import org.webp2p.ui.LivePeer;
import org.webp2p.ui.LiveRow;

@ExtendWith(ApplicationExtension.class)
class PeersViewTest {
    private ConsoleFixture fx;

    @Start
    void start(Stage stage) throws Exception {
        fx = ConsoleFixture.show(stage, Map.of());
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    private void threePeers() throws Exception {
        fx.announce("demo", "peer-one", "FULL_CONE", "203.0.113.1:1935", 40, 45, 800);
        fx.announce("demo", "peer-two", "SYMMETRIC", "198.51.100.2:40000", 10, 12, 96);
        fx.announce("cam", "peer-three", "OPEN", "192.0.2.3:1935", 1, 2, 1200);
    }

    @Test
    void selectingAPeerShowsWhatTheTrackerKnowsAboutIt(FxRobot robot) throws Exception {
        robot.clickOn("#nav-peers");
        threePeers();
        waitFor(5, TimeUnit.SECONDS, () -> ids(robot).size() == 3);

        clickCell(robot, "peer-two");
        waitFor(2, TimeUnit.SECONDS, () -> text(robot, "#peer-detail-peer-id").equals("peer-two"));
        PeerRecord known = fx.tracker().peers("demo").stream().filter(p -> p.peerId().equals("peer-two"))
                .findFirst().orElseThrow();
        assertThat(text(robot, "#peer-detail-stream")).isEqualTo(known.swarm());
        assertThat(text(robot, "#peer-detail-nat-type")).isEqualTo(known.natType().name()).isEqualTo("SYMMETRIC");
        assertThat(text(robot, "#peer-detail-local-addresses")).isEqualTo("198.51.100.2:40000");
        assertThat(text(robot, "#peer-detail-public-address")).isEqualTo(known.source().getHostAddress());
        assertThat(text(robot, "#peer-detail-position")).isEqualTo(Long.toString(known.position()));
        assertThat(text(robot, "#peer-detail-holds")).isEqualTo("3 segments (10–12)");
        assertThat(text(robot, "#peer-detail-upload-offered")).isEqualTo("96.0 kb/s");
    }

    @Test
    void aPeerShowsItsPublicAndLocalAddressesAndWhyItsConnectionAttemptsFailedOrWorked(FxRobot robot)
            throws Exception {
        robot.clickOn("#nav-peers");
        fx.announce("demo", "peer-one", "PORT_RESTRICTED_CONE", "192.168.1.20:50412", 40, 45, 800);
        fx.attemptsBeacon("demo", "s-one", "peer-one", """
                [{"peerId":"peer-two","remoteNat":"PORT_RESTRICTED_CONE","outcome":"LAN"},
                 {"peerId":"peer-three","remoteNat":"SYMMETRIC","outcome":"FAILED","reason":"NAT_INCOMPATIBLE"},
                 {"peerId":"peer-four","remoteNat":"FULL_CONE","outcome":"FAILED","reason":"HANDSHAKE_TIMEOUT"},
                 {"peerId":"peer-five","remoteNat":"RESTRICTED_CONE","outcome":"FAILED",
                  "reason":"SAME_NAT_NO_LOCAL_ADDRESS"},
                 {"peerId":"peer-six","remoteNat":"OPEN","outcome":"CONNECTED"}]""");
        waitFor(5, TimeUnit.SECONDS, () -> row(robot, "peer-one").map(p -> p.traffic().isPresent()).orElse(false));

        assertThat(cell(robot, "Public address", "peer-one")).as("where its announces came from").isEqualTo("127.0.0.1");
        assertThat(cell(robot, "Local addresses", "peer-one")).isEqualTo("192.168.1.20:50412");
        clickCell(robot, "peer-one");
        waitFor(2, TimeUnit.SECONDS, () -> text(robot, "#peer-detail-peer-id").equals("peer-one"));
        assertThat(text(robot, "#peer-detail-nat-type")).isEqualTo("PORT_RESTRICTED_CONE");
        assertThat(text(robot, "#peer-detail-public-address")).isEqualTo("127.0.0.1");
        assertThat(text(robot, "#peer-detail-local-addresses")).isEqualTo("192.168.1.20:50412");
        assertThat(text(robot, "#peer-detail-connection-attempts").lines()).as("latest first").containsExactly(
                "peer-six (OPEN): connected through the NATs",
                "peer-five (RESTRICTED_CONE): failed, same NAT without local addresses",
                "peer-four (FULL_CONE): failed, handshake timeout",
                "peer-three (SYMMETRIC): failed, incompatible NAT types",
                "peer-two (PORT_RESTRICTED_CONE): connected on the LAN (same NAT)");
    }

    @Test
    void aPeerShowsItsRefusedAttemptsAndAllItsAttemptsCountedBeyondTheLatest(FxRobot robot) throws Exception {
        robot.clickOn("#nav-peers");
        fx.announce("demo", "peer-one", "FULL_CONE", "192.168.1.20:50412", 40, 45, 800);
        fx.attemptsBeacon("demo", "s-one", "peer-one", """
                [{"peerId":"peer-full","remoteNat":"OPEN","outcome":"REFUSED","reason":"PEER_FULL"},
                 {"peerId":"peer-two","remoteNat":"FULL_CONE","outcome":"CONNECTED"}]""", """
                [{"remoteNat":"OPEN","outcome":"REFUSED","reason":"PEER_FULL","count":40},
                 {"remoteNat":"FULL_CONE","outcome":"CONNECTED","count":3},
                 {"remoteNat":"SYMMETRIC","outcome":"FAILED","reason":"HANDSHAKE_TIMEOUT","count":2},
                 {"remoteNat":"OPEN","outcome":"CONNECTED","count":1}]""");
        waitFor(5, TimeUnit.SECONDS, () -> row(robot, "peer-one").map(p -> p.traffic().isPresent()).orElse(false));

        clickCell(robot, "peer-one");
        waitFor(2, TimeUnit.SECONDS, () -> text(robot, "#peer-detail-peer-id").equals("peer-one"));
        assertThat(text(robot, "#peer-detail-connection-attempts").lines()).containsExactly(
                "46 in all: 40 refused, the peer has its fill of peers, 4 connected through the NATs, "
                        + "2 failed, handshake timeout",
                "Latest:",
                "peer-two (FULL_CONE): connected through the NATs",
                "peer-full (OPEN): refused, the peer has its fill of peers");
    }

    @Test
    void columnsSortByValueAndTheFilterKeepsToOneNatTypeAsPeersArrive(FxRobot robot) throws Exception {
        robot.clickOn("#nav-peers");
        threePeers();
        waitFor(5, TimeUnit.SECONDS, () -> ids(robot).size() == 3);

        waitFor(2, TimeUnit.SECONDS, () -> robot.lookup("Upload").tryQuery().isPresent());
        robot.clickOn("Upload");
        assertThat(ids(robot)).as("96 kb/s < 800 kb/s < 1.2 Mb/s, not text order")
                .containsExactly("peer-two", "peer-one", "peer-three");
        fx.announce("demo", "peer-one", "FULL_CONE", "203.0.113.1:1935", 40, 45, 20);
        waitFor(5, TimeUnit.SECONDS, () -> ids(robot).get(0).equals("peer-one"));
        assertThat(ids(robot)).as("a new figure re-sorts at once")
                .containsExactly("peer-one", "peer-two", "peer-three");

        PeersView view = robot.lookup("#peers-page").queryAs(PeersView.class);
        TableColumn<?, ?> nat = column(robot, "NAT type");
        onFx(() -> {
            view.filter().unSelectAllValues(nat);
            view.filter().selectValue(nat, "SYMMETRIC");
            view.filter().executeFilter();
            return null;
        });
        waitFor(2, TimeUnit.SECONDS, () -> ids(robot).equals(List.of("peer-two")));

        fx.announce("demo", "peer-four", "SYMMETRIC", "198.51.100.4:40000", 1, 2, 50);
        fx.announce("demo", "peer-five", "OPEN", "192.0.2.5:1935", 1, 2, 50);
        waitFor(5, TimeUnit.SECONDS, () -> onFx(() -> view.filter().getBackingList().size()) == 5);
        assertThat(ids(robot)).containsExactlyInAnyOrder("peer-two", "peer-four");
    }

    @Test
    void browserAndSdkPeersShowTheirKindAndTheBytesTheirBeaconsReportedAndNothingMadeUp(FxRobot robot)
            throws Exception {
        String pageA = "-PM0203-aaaaaaaaaaaa";
        String pageB = "-PM0203-bbbbbbbbbbbb";
        robot.clickOn("#nav-peers");
        fx.announce("demo", "peer-one", "FULL_CONE", "203.0.113.1:1935", 40, 45, 800);
        fx.announce("demo", "peer-two", "SYMMETRIC", "198.51.100.2:40000", 10, 12, 96);
        fx.browserJoins(ConsoleFixture.DEMO_INFO_HASH, pageA);
        fx.browserJoins(ConsoleFixture.DEMO_INFO_HASH, pageB);
        fx.trafficBeacon(ClientKind.SDK, "demo", "s-one", "peer-one", 1000, 3000, 500, Map.of());
        // The page plays the variant it joined the swarm of: its beacons name that rendition.
        fx.trafficBeacon(ClientKind.BROWSER, "demo", "180p", "s-a", pageA, 600, 400, 250, Map.of());

        waitFor(5, TimeUnit.SECONDS, () -> rows(robot).size() == 4
                && row(robot, pageA).map(p -> "demo/180p".equals(p.stream()) && p.traffic().isPresent()).orElse(false)
                && row(robot, "peer-one").map(p -> p.traffic().isPresent()).orElse(false));

        assertThat(rows(robot)).extracting(LivePeer::peerId, LivePeer::kind).containsExactlyInAnyOrder(
                tuple("peer-one", ClientKind.SDK), tuple("peer-two", ClientKind.SDK),
                tuple(pageA, ClientKind.BROWSER), tuple(pageB, ClientKind.BROWSER));
        assertThat(cell(robot, "Kind", pageA)).isEqualTo("browser");
        assertThat(cell(robot, "Kind", "peer-one")).isEqualTo("sdk");
        assertThat(cell(robot, "Stream", pageB)).as("the rendition whose swarm it is in").isEqualTo("demo/180p");
        LiveSession sessionA = fx.pingback().session("s-a").orElseThrow().live();
        assertThat(cell(robot, "HTTP", pageA)).isEqualTo(sessionA.httpBytes()).isEqualTo(600L);
        assertThat(cell(robot, "P2P", pageA)).isEqualTo(400L);
        assertThat(cell(robot, "Sent", pageA)).isEqualTo(250L);
        assertThat(cell(robot, "HTTP", "peer-one")).isEqualTo(1000L);
        assertThat(cell(robot, "P2P", "peer-one")).isEqualTo(3000L);
        for (String column : List.of("HTTP", "P2P", "Sent")) {
            assertThat(cell(robot, column, pageB)).as("no beacon from " + pageB).isNull();
            assertThat(cell(robot, column, "peer-two")).as("no beacon from peer-two").isNull();
        }
        for (String column : List.of("NAT type", "Held", "Position", "Upload")) {
            assertThat(cell(robot, column, pageA)).as("a browser announces no " + column).isNull();
        }
        assertThat(cell(robot, "Public address", pageA)).as("where its WebSocket came from").isEqualTo("127.0.0.1");
        waitFor(5, TimeUnit.SECONDS, () -> robot.lookup(ConsoleFixture.cellWithText("600 B")).tryQuery().isPresent());

        clickCell(robot, pageA);
        waitFor(2, TimeUnit.SECONDS, () -> text(robot, "#peer-detail-peer-id").equals(pageA));
        assertThat(text(robot, "#peer-detail-kind")).isEqualTo("browser");
        assertThat(text(robot, "#peer-detail-info-hash")).isEqualTo(ConsoleFixture.DEMO_INFO_HASH);
        assertThat(text(robot, "#peer-detail-nat-type")).isEmpty();
        assertThat(text(robot, "#peer-detail-holds")).isEmpty();
        assertThat(text(robot, "#peer-detail-from-origin")).isEqualTo("600 B");
        assertThat(text(robot, "#peer-detail-from-peers")).isEqualTo("400 B");
        assertThat(text(robot, "#peer-detail-to-peers")).isEqualTo("250 B");
    }

    private static List<LivePeer> rows(FxRobot robot) throws Exception {
        return onFx(() -> table(robot).getItems().stream().map(LiveRow::get).toList());
    }

    private static Optional<LivePeer> row(FxRobot robot, String peerId) throws Exception {
        return rows(robot).stream().filter(p -> p.peerId().equals(peerId)).findFirst();
    }

    /** What the column shows for the peer, as its cells get it; null is an empty cell. */
    private static Object cell(FxRobot robot, String column, String peerId) throws Exception {
        TableView<LiveRow<LivePeer>> table = table(robot);
        TableColumn<LiveRow<LivePeer>, ?> c = table.getColumns().stream().filter(x -> x.getText().equals(column))
                .findFirst().orElseThrow();
        return onFx(() -> c.getCellData(table.getItems().stream().filter(r -> r.get().peerId().equals(peerId))
                .findFirst().orElseThrow()));
    }

    @SuppressWarnings("unchecked")
    private static TableView<LiveRow<LivePeer>> table(FxRobot robot) {
        return robot.lookup("#peers-table").queryAs(TableView.class);
    }

    @SuppressWarnings("unchecked")
    private static List<String> ids(FxRobot robot) throws Exception {
        TableView<LiveRow<LivePeer>> table = robot.lookup("#peers-table").queryAs(TableView.class);
        return onFx(() -> table.getItems().stream().map(r -> r.get().peerId()).toList());
    }

    private static TableColumn<?, ?> column(FxRobot robot, String title) {
        TableView<?> table = robot.lookup("#peers-table").queryAs(TableView.class);
        return table.getColumns().stream().filter(c -> c.getText().equals(title)).findFirst().orElseThrow();
    }

    private static String text(FxRobot robot, String query) throws Exception {
        return onFx(() -> robot.lookup(query).queryAs(Label.class).getText());
    }
}
