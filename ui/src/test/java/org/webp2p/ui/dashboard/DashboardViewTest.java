package org.webp2p.ui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.testfx.util.WaitForAsyncUtils.waitFor;
import static org.webp2p.ui.ConsoleFixture.onFx;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedAreaChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.webp2p.protocol.ClientKind;
import org.webp2p.protocol.admin.ClientFigures;
import org.webp2p.protocol.admin.MinuteStat;
import org.webp2p.protocol.admin.StreamStats;
import org.webp2p.protocol.admin.SwarmFigures;
import org.webp2p.server.pingback.LiveAggregator;
import org.webp2p.ui.ConsoleFixture;
import org.webp2p.ui.Format;
import org.webp2p.ui.Sparkline;

@ExtendWith(ApplicationExtension.class)
class DashboardViewTest {
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
    void aTileShowsTheLatencyToLiveP50AndP95TheClientsToldInSeconds(FxRobot robot) throws Exception {
        assertThat(text(robot, "#tile-latency")).as("none told yet").isEqualTo("-");
        for (int i = 1; i <= 20; i++) {
            fx.latencyBeacon("demo", "s" + i, 3_000 + i * 100L);
        }
        waitFor(5, TimeUnit.SECONDS, () -> text(robot, "#tile-latency").equals("4.0 / 4.9 s"));
        assertThat(fx.pingback().figures(LiveAggregator.ALL).orElseThrow().latencyP50Ms()).isEqualTo(4_000);
        assertThat(fx.pingback().figures(LiveAggregator.ALL).orElseThrow().latencyP95Ms()).isEqualTo(4_900);
    }

    @Test
    void tilesShowWhatTrackerPingbackAndOriginReport(FxRobot robot) throws Exception {
        fx.announce("demo", "a1", "FULL_CONE", "203.0.113.1:1935", 1, 6, 800);
        fx.announce("demo", "a2", "SYMMETRIC", "203.0.113.2:1935", 1, 6, 800);
        fx.announce("cam", "b1", "OPEN", "203.0.113.3:1935", 1, 6, 800);
        fx.beacon("demo", "s1", "FULL_CONE", 1000, 3000, 700, 0, "SYMMETRIC", 4, 1);
        fx.beacon("demo", "s2", "SYMMETRIC", 2000, 2000, 1500, 500, "FULL_CONE", 2, 2);
        fx.publishSegment("cam", 0);

        // A poll may land between two of the calls above: wait until one snapshot holds all of them.
        waitFor(5, TimeUnit.SECONDS, () -> text(robot, "#tile-peers").equals("3")
                && !fx.pingback().history(LiveAggregator.ALL, hourAgo(), Instant.now()).isEmpty()
                && text(robot, "#tile-egress-saved").equals(Format.bytes(5000))
                && text(robot, "#tile-streams").equals("3")
                && text(robot, "#tile-startup-p95").equals("1500 ms")
                && text(robot, "#tile-nat-success").equals("50.0 %"));

        SwarmFigures all = fx.pingback().figures(LiveAggregator.ALL).orElseThrow();
        List<MinuteStat> hour = fx.pingback().history(LiveAggregator.ALL, hourAgo(), Instant.now());
        long live = fx.origin().streams().stream()
                .filter(s -> s.kind() == StreamStats.Kind.LIVE || s.kind() == StreamStats.Kind.DEMO).count();
        assertThat(live).as("cam, and the demo loops demo and demo-hd").isEqualTo(3);
        assertThat(text(robot, "#tile-streams")).isEqualTo("3");
        assertThat(text(robot, "#tile-offload-now")).isEqualTo(Format.percent(all.offloadRatio())).isEqualTo("62.5 %");
        assertThat(text(robot, "#tile-offload-hour")).isEqualTo(Format.percent(hour.get(0).offloadRatio()));
        assertThat(text(robot, "#tile-nat-success")).isEqualTo(Format.percent(all.natSuccessRatio()))
                .isEqualTo("50.0 %");
        assertThat(text(robot, "#tile-startup-p95")).isEqualTo(Format.millis(all.startupP95Ms())).isEqualTo("1500 ms");
        assertThat(text(robot, "#tile-stall-ratio")).isEqualTo(Format.percent(all.stallRatio())).isEqualTo("2.5 %");
        List<Double> peersTrend = onFx(() -> robot.lookup("#trend-peers").queryAs(Sparkline.class).getValues());
        assertThat(peersTrend).isNotEmpty().last().isEqualTo(3.0);
    }

    @Test
    void offloadIsSplitBetweenBrowserAndSdkViewersAsPingbackAggregatesIt(FxRobot robot) throws Exception {
        fx.browserJoins(ConsoleFixture.DEMO_INFO_HASH, "-PM0203-aaaaaaaaaaaa");
        fx.announce("demo", "sdk-1", "FULL_CONE", "203.0.113.1:1935", 1, 6, 800);
        fx.trafficBeacon(ClientKind.BROWSER, "demo", "b1", "-PM0203-aaaaaaaaaaaa", 600, 400, 100, Map.of());
        fx.trafficBeacon(ClientKind.BROWSER, "demo", "b2", "-PM0203-bbbbbbbbbbbb", 1000, 0, 400, Map.of());
        fx.trafficBeacon(ClientKind.SDK, "cam", "s1", "sdk-1", 100, 900, 0, Map.of());

        waitFor(5, TimeUnit.SECONDS, () -> text(robot, "#dashboard-split-browser-sessions").equals("2")
                && text(robot, "#dashboard-split-sdk-sessions").equals("1")
                && text(robot, "#tile-peers").equals("2"));

        SwarmFigures all = fx.pingback().figures(LiveAggregator.ALL).orElseThrow();
        ClientFigures browser = all.client(ClientKind.BROWSER);
        ClientFigures sdk = all.client(ClientKind.SDK);
        assertThat(text(robot, "#dashboard-split-browser-http")).isEqualTo(Format.bytes(browser.httpBytes()))
                .isEqualTo("1.60 kB");
        assertThat(text(robot, "#dashboard-split-browser-p2p")).isEqualTo(Format.bytes(browser.p2pBytes()))
                .isEqualTo("400 B");
        assertThat(text(robot, "#dashboard-split-browser-offload")).isEqualTo(Format.percent(browser.offloadRatio()))
                .isEqualTo("20.0 %");
        assertThat(text(robot, "#dashboard-split-sdk-http")).isEqualTo(Format.bytes(sdk.httpBytes())).isEqualTo("100 B");
        assertThat(text(robot, "#dashboard-split-sdk-p2p")).isEqualTo("900 B");
        assertThat(text(robot, "#dashboard-split-sdk-offload")).isEqualTo(Format.percent(sdk.offloadRatio()))
                .isEqualTo("90.0 %");
        assertThat(text(robot, "#tile-offload-now")).as("the whole, beside its parts")
                .isEqualTo(Format.percent(all.offloadRatio())).isEqualTo("43.3 %");
    }

    @Test
    void trafficChartCarriesEveryBeaconByteAsARateOverTime(FxRobot robot) throws Exception {
        StackedAreaChart<?, ?> chart = robot.lookup("#traffic-chart").queryAs(StackedAreaChart.class);
        waitFor(5, TimeUnit.SECONDS, () -> onFx(() -> chart.getData().get(0).getData().size()) >= 2);
        fx.beacon("demo", "s1", "OPEN", 40_000, 10_000, 500, 0, "OPEN", 1, 1);
        // The second beacon lands in a later sample than the first: the chart must add samples up.
        waitFor(5, TimeUnit.SECONDS, () -> Math.abs(onFx(() -> area(chart.getData().get(0))) - 40_000) < 1);
        fx.beacon("demo", "s1", "OPEN", 20_000, 90_000, 500, 0, "OPEN", 1, 1);

        // Each sample is bytes since the previous one over the time between them, so the area under
        // a series is what clients reported: nothing lost between polls, nothing counted twice.
        waitFor(5, TimeUnit.SECONDS, () -> Math.abs(onFx(() -> area(chart.getData().get(1))) - 100_000) < 1
                && Math.abs(onFx(() -> area(chart.getData().get(0))) - 60_000) < 1);
        assertThat(chart.getData().get(0).getName()).isEqualTo("HTTP (origin)");
        assertThat(chart.getData().get(1).getName()).isEqualTo("P2P (peers)");
        assertThat(onFx(() -> area(chart.getData().get(0)))).isCloseTo(60_000, within(1.0));
    }

    @Test
    void stoppedServicesReadAsNothingWhileTheSnapshotsGoOn(FxRobot robot) throws Exception {
        fx.announce("demo", "a1", "FULL_CONE", "203.0.113.1:1935", 1, 6, 800);
        fx.beacon("demo", "s1", "FULL_CONE", 1000, 3000, 700, 0, "SYMMETRIC", 4, 1);
        waitFor(5, TimeUnit.SECONDS, () -> text(robot, "#tile-peers").equals("1")
                && text(robot, "#tile-startup-p95").equals("700 ms"));

        for (String service : List.of("tracker", "pingback", "origin")) {
            fx.services().stop(service);
        }
        int all = fx.services().names().size();
        // RTMP ingest feeds the origin, so it stops with it: four stopped.
        waitFor(5, TimeUnit.SECONDS, () -> text(robot, "#dashboard-services").equals((all - 4) + " of " + all + " running"));
        assertThat(text(robot, "#tile-peers")).isEqualTo("0");
        assertThat(text(robot, "#tile-startup-p95")).isEqualTo("-");
        assertThat(text(robot, "#tile-nat-success")).isEqualTo("-");
        assertThat(text(robot, "#tile-offload-hour")).isEqualTo("0.0 %");
        assertThat(text(robot, "#tile-streams")).isEqualTo("0");
        StackedAreaChart<?, ?> chart = robot.lookup("#traffic-chart").queryAs(StackedAreaChart.class);
        int points = onFx(() -> chart.getData().get(0).getData().size());
        waitFor(5, TimeUnit.SECONDS, () -> onFx(() -> chart.getData().get(0).getData().size()) > points);
    }

    @Test
    void timeAxisLabelsAreWholeSecondsAgoAndNeverRepeat(FxRobot robot) throws Exception {
        StackedAreaChart<?, ?> chart = robot.lookup("#traffic-chart").queryAs(StackedAreaChart.class);
        NumberAxis time = (NumberAxis) chart.getXAxis();
        // A few polls, so that the span holds several ticks and the bounds have left whole seconds.
        waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> time.getUpperBound() - time.getLowerBound()) >= 3
                && onFx(() -> time.getTickMarks().size()) >= 4);

        // What the axis draws under each tick is its formatter's text of the tick's value.
        List<String> labels = onFx(() -> time.getTickMarks().stream()
                .map(t -> time.getTickLabelFormatter().toString(t.getValue())).toList());
        double unit = onFx(time::getTickUnit);
        assertThat(labels).doesNotHaveDuplicates();
        assertThat(labels).allSatisfy(l -> assertThat(Double.parseDouble(l) % unit).isZero());
        assertThat(labels).last().isEqualTo("0");
    }

    @Test
    void lastHourSparklinesFollowTheirFiguresAsTheyChange(FxRobot robot) throws Exception {
        fx.beacon("demo", "s1", "OPEN", 1000, 3000, 500, 0, "OPEN", 1, 1);
        waitFor(10, TimeUnit.SECONDS, () -> text(robot, "#tile-offload-hour").equals("75.0 %"));
        fx.beacon("demo", "s2", "OPEN", 4000, 0, 500, 0, "OPEN", 1, 1);
        waitFor(10, TimeUnit.SECONDS, () -> text(robot, "#tile-offload-hour").equals("37.5 %"));
        waitFor(5, TimeUnit.SECONDS, () -> trend(robot, "#trend-offload-hour").get(
                trend(robot, "#trend-offload-hour").size() - 1) == 0.375);

        // Both beacons fall in one stored minute: a trend of stored minutes was one level line while
        // the figure went from 75 % to 37.5 %. The trend is the figure itself, sampled at every poll.
        assertThat(trend(robot, "#trend-offload-hour")).contains(0.75, 0.375).last().isEqualTo(0.375);
        assertThat(trend(robot, "#trend-egress-saved")).contains(3000.0).last().isEqualTo(3000.0);
    }

    private static List<Double> trend(FxRobot robot, String query) throws Exception {
        return onFx(() -> robot.lookup(query).queryAs(Sparkline.class).getValues());
    }

    private static double area(XYChart.Series<?, ?> series) {
        List<? extends XYChart.Data<?, ?>> points = List.copyOf(series.getData());
        double sum = 0;
        for (int i = 1; i < points.size(); i++) {
            double dt = ((Number) points.get(i).getXValue()).doubleValue()
                    - ((Number) points.get(i - 1).getXValue()).doubleValue();
            sum += ((Number) points.get(i).getYValue()).doubleValue() * dt;
        }
        return sum;
    }

    private static Instant hourAgo() {
        return Instant.now().minus(1, ChronoUnit.HOURS);
    }

    private static String text(FxRobot robot, String query) throws Exception {
        return onFx(() -> robot.lookup(query).queryAs(Label.class).getText());
    }
}
