package org.webp2p.ui.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.testfx.util.WaitForAsyncUtils.waitFor;
import static org.webp2p.ui.ConsoleFixture.onFx;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.webp2p.nat.NatType;
import org.webp2p.protocol.admin.NatPairStat;
import org.webp2p.server.pingback.LiveAggregator;
import org.webp2p.server.stun.StunService;
import org.webp2p.ui.ConsoleFixture;
import org.webp2p.ui.LiveRow;

@ExtendWith(ApplicationExtension.class)
class NatViewTest {
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
    void heatMapShowsSuccessPerNatPairAsPingbackCountsIt(FxRobot robot) throws Exception {
        robot.clickOn("#nav-nat");
        fx.beacon("demo", "s1", "FULL_CONE", 0, 0, 500, 0, "SYMMETRIC", 3, 1);
        fx.beacon("demo", "s2", "FULL_CONE", 0, 0, 500, 0, "SYMMETRIC", 1, 0);
        fx.beacon("demo", "s3", "OPEN", 0, 0, 500, 0, "FULL_CONE", 4, 4);

        String fullConeToSymmetric = "#" + NatView.cellId(NatType.FULL_CONE, NatType.SYMMETRIC);
        String openToFullCone = "#" + NatView.cellId(NatType.OPEN, NatType.FULL_CONE);
        // A poll may land between two beacons: wait until the page shows all three.
        waitFor(5, TimeUnit.SECONDS, () -> text(robot, fullConeToSymmetric).contains("/ 4")
                && text(robot, openToFullCone).contains("/ 4") && text(robot, "#nat-totals").startsWith("5 of 8"));
        NatPairStat pair = fx.pingback().figures(LiveAggregator.ALL).orElseThrow().natPairs().stream()
                .filter(p -> p.local() == NatType.FULL_CONE && p.remote() == NatType.SYMMETRIC)
                .findFirst().orElseThrow();
        assertThat(text(robot, fullConeToSymmetric)).isEqualTo("25.0 %\n" + pair.successes() + " / " + pair.attempts());
        assertThat(text(robot, openToFullCone)).isEqualTo("100.0 %\n4 / 4");
        assertThat(text(robot, "#" + NatView.cellId(NatType.SYMMETRIC, NatType.FULL_CONE)))
                .as("the matrix is directed").isEqualTo("-");
        String green = robot.lookup("#" + NatView.cellId(NatType.OPEN, NatType.FULL_CONE)).queryAs(Label.class)
                .getStyle();
        String red = robot.lookup(fullConeToSymmetric).queryAs(Label.class).getStyle();
        assertThat(green).contains("-fx-background-color").isNotEqualTo(red);
        assertThat(text(robot, "#nat-totals")).startsWith("5 of 8 connection attempts succeeded");
    }

    @Test
    void linksBetweenPeersBehindOneNatAreCountedApart(FxRobot robot) throws Exception {
        robot.clickOn("#nav-nat");
        fx.lanBeacon("demo", "s1", "PORT_RESTRICTED_CONE", "PORT_RESTRICTED_CONE", 4, 3, 2);

        waitFor(5, TimeUnit.SECONDS, () -> text(robot, "#nat-totals").startsWith("3 of 4"));
        assertThat(text(robot, "#nat-totals")).isEqualTo(
                "3 of 4 connection attempts succeeded (75.0 %), 2 of them LAN links between peers behind one NAT");
    }

    @Test
    void theLanRowAndColumnCountTheLinksMadeOnALocalAddressByNatType(FxRobot robot) throws Exception {
        robot.clickOn("#nav-nat");
        fx.lanBeacon("demo", "s1", "PORT_RESTRICTED_CONE", "PORT_RESTRICTED_CONE", 4, 3, 2);
        fx.lanBeacon("demo", "s2", "FULL_CONE", "PORT_RESTRICTED_CONE", 2, 2, 1);

        String fromPortRestricted = "#" + NatView.cellId(NatType.PORT_RESTRICTED_CONE, null);
        waitFor(5, TimeUnit.SECONDS, () -> text(robot, "#" + NatView.cellId(null, null)).startsWith("3 of 5"));
        assertThat(text(robot, fromPortRestricted)).isEqualTo("2 of 3\nlinks on the LAN");
        assertThat(text(robot, "#" + NatView.cellId(NatType.FULL_CONE, null))).isEqualTo("1 of 2\nlinks on the LAN");
        assertThat(text(robot, "#" + NatView.cellId(null, NatType.PORT_RESTRICTED_CONE)))
                .as("LAN links to port-restricted peers, from both rows").isEqualTo("3 of 5\nlinks on the LAN");
        assertThat(text(robot, "#" + NatView.cellId(NatType.OPEN, null))).isEqualTo("-");
        assertThat(text(robot, "#" + NatView.cellId(null, NatType.SYMMETRIC))).isEqualTo("-");
        assertThat(robot.lookup(fromPortRestricted).queryAs(Label.class).getStyleClass()).contains("heat-lan");
        assertThat(robot.lookup("#" + NatView.cellId(NatType.OPEN, null)).queryAs(Label.class).getStyleClass())
                .contains("heat-empty").doesNotContain("heat-lan");
        assertThat(text(robot, "#" + NatView.cellId(NatType.PORT_RESTRICTED_CONE, NatType.PORT_RESTRICTED_CONE)))
                .as("the pair's own cell still counts every attempt").isEqualTo("75.0 %\n3 / 4");
    }

    @Test
    void theConnectivityCheckRunsAgainstTheNodeAndSaysWhatItFoundInPlainWords(FxRobot robot)
            throws Exception {
        robot.clickOn("#nav-nat");
        String before = text(robot, "#connectivity-result");
        robot.clickOn("#connectivity-check");

        waitFor(40, TimeUnit.SECONDS, () -> !text(robot, "#connectivity-result").equals(before)
                && !text(robot, "#connectivity-result").startsWith("Checking"));
        assertThat(text(robot, "#connectivity-result")).contains("no NAT in front of it",
                "UDP reaches the rendezvous at 127.0.0.1:" + fx.testNode().address("rendezvous").getPort());
        assertThat(onFx(() -> robot.lookup("#connectivity-check").queryButton().isDisabled())).isFalse();
    }

    @Test
    void distributionCountsTheNatTypesOfLivePeers(FxRobot robot) throws Exception {
        robot.clickOn("#nav-nat");
        fx.announce("demo", "a", "SYMMETRIC", "203.0.113.1:1935", 1, 2, 100);
        fx.announce("demo", "b", "SYMMETRIC", "203.0.113.2:1935", 1, 2, 100);
        fx.announce("cam", "c", "OPEN", "203.0.113.3:1935", 1, 2, 100);
        @SuppressWarnings("unchecked")
        BarChart<String, Number> chart = robot.lookup("#nat-distribution").queryAs(BarChart.class);
        // A poll may land between two announces: wait until one snapshot holds all three.
        waitFor(5, TimeUnit.SECONDS, () -> bar(chart, "Symmetric") == 2 && bar(chart, "Open") == 1);
        assertThat(bar(chart, "Open")).isEqualTo(1);
        assertThat(bar(chart, "Full cone")).isZero();
    }

    @Test
    void stunCountersMatchTheServiceAfterARealBindingRequest(FxRobot robot) throws Exception {
        robot.clickOn("#nav-nat");
        InetSocketAddress stun = fx.testNode().address(StunService.NAME);
        try (DatagramSocket socket = new DatagramSocket(0)) {
            socket.setSoTimeout(2000);
            // RFC 5389 §6: Binding request, no attributes, magic cookie, 96-bit transaction id.
            ByteBuffer request = ByteBuffer.allocate(20).putShort((short) 0x0001).putShort((short) 0)
                    .putInt(0x2112A442).putInt(1).putInt(2).putInt(3);
            socket.send(new DatagramPacket(request.array(), 20, stun));
            socket.receive(new DatagramPacket(new byte[512], 512));
        }
        waitFor(5, TimeUnit.SECONDS, () -> counter(robot, "requests") == 1);
        Map<String, Number> metrics = fx.services().status(StunService.NAME).metrics();
        assertThat(counter(robot, "requests")).isEqualTo(metrics.get("requests").longValue());
        assertThat(counter(robot, "datagrams")).isEqualTo(metrics.get("datagrams").longValue());
    }

    private static long bar(BarChart<String, Number> chart, String type) throws Exception {
        return onFx(() -> chart.getData().get(0).getData().stream().filter(d -> d.getXValue().equals(type))
                .map(XYChart.Data::getYValue).findFirst().orElseThrow().longValue());
    }

    @SuppressWarnings("unchecked")
    private static long counter(FxRobot robot, String name) throws Exception {
        TableView<LiveRow<NatViewModel.Counter>> table = robot.lookup("#stun-counters").queryAs(TableView.class);
        return onFx(() -> table.getItems().stream().filter(r -> r.key().equals(name)).findFirst()
                .map(r -> r.get().value()).orElse(-1L));
    }

    private static String text(FxRobot robot, String query) throws Exception {
        return onFx(() -> robot.lookup(query).queryAs(Label.class).getText());
    }
}
