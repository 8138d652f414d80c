package org.webp2p.ui.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.testfx.util.WaitForAsyncUtils.waitFor;
import static org.webp2p.ui.ConsoleFixture.onFx;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.webp2p.server.pingback.StoredHistory;
import org.webp2p.ui.ConsoleFixture;

/**
 * The range picker and the history charts on a real node whose H2 store holds 90 days of per-minute
 * and per-hour sums, as months of pingback leave them.
 */
@ExtendWith(ApplicationExtension.class)
class HistoryViewTest {
    /** How long a pick may take until its charts are drawn, on a store of 90 days. */
    private static final long LOAD_BUDGET_MS = 1000;
    private ConsoleFixture fx;

    @Start
    void start(Stage stage) throws Exception {
        fx = ConsoleFixture.show(stage, Map.of());
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    private void fill(String swarm, Duration back) throws Exception {
        Instant now = Instant.now();
        StoredHistory.fill(fx.testNode().runtime().store().dataSource(), swarm, now.minus(back).minus(Duration.ofHours(1)),
                now);
    }

    @Test
    void everyRangeOfTheDashboardDrawsNinetyDaysOfRollupsWithinASecondOfItsPick(FxRobot robot) throws Exception {
        fill("demo", Duration.ofDays(90));
        assertThat(visible(robot, "#traffic-chart")).isTrue();
        assertThat(visible(robot, "#history-charts")).isFalse();

        for (HistoryRange range : List.of(HistoryRange.HOUR, HistoryRange.DAY, HistoryRange.WEEK, HistoryRange.MONTH,
                HistoryRange.QUARTER)) {
            long took = pick(robot, range);

            assertThat(took).as("load of %s in ms", range.label()).isLessThan(LOAD_BUDGET_MS);
            long step = range.span().orElseThrow().toSeconds() / stepsOf(range);
            XYChart.Series<Number, Number> p2p = series(robot, "#history-traffic", "P2P (saved)");
            assertThat(p2p.getData()).hasSizeBetween(50, HistoryViewModel.POINTS + 1);
            // An inner step is whole: the minutes (or hours) the store summed into it, no more, no fewer.
            assertThat(p2p.getData().get(p2p.getData().size() / 2).getYValue().doubleValue())
                    .isEqualTo(StoredHistory.P2P_PER_MINUTE * step / 60.0);
            assertThat(middle(series(robot, "#history-peers", "peers"))).isEqualTo(StoredHistory.VIEWERS);
            assertThat(middle(series(robot, "#history-offload", "offload"))).isEqualTo(0.75);
            assertThat(middle(series(robot, "#history-stalls", "stall ratio"))).isEqualTo(0.001);
            assertThat(middle(series(robot, "#history-startup", "startup p95"))).isBetween(250.0, 500.0);
            assertThat(middle(series(robot, "#history-nat", "FULL_CONE > SYMMETRIC"))).isEqualTo(0.75);
            assertThat(visible(robot, "#traffic-chart")).as("the live chart gives way").isFalse();
        }

        robot.clickOn("#range-live");
        waitFor(5, TimeUnit.SECONDS, () -> visible(robot, "#traffic-chart"));
        assertThat(visible(robot, "#history-charts")).isFalse();
        assertThat(visible(robot, "#history-export")).isFalse();
    }

    @Test
    void theStreamsPageShowsTheChosenStreamsHistoryAndEveryStreamsWithoutAChoice(FxRobot robot) throws Exception {
        fill("demo", Duration.ofDays(8));
        fill("elsewhere", Duration.ofDays(8));
        robot.clickOn("#nav-streams");
        waitFor(5, TimeUnit.SECONDS, () -> robot.lookup(ConsoleFixture.cellWithText("demo")).tryQuery().isPresent());

        // What is timed is the Dashboard's; here, which stream's rows a pick reads.
        pick(robot, HistoryRange.WEEK);
        assertThat(middle(series(robot, "#history-peers", "peers"))).isEqualTo(2 * StoredHistory.VIEWERS);

        ConsoleFixture.clickCell(robot, "demo");
        waitFor(5, TimeUnit.SECONDS, () -> middle(series(robot, "#history-peers", "peers")) == StoredHistory.VIEWERS);
        assertThat(text(robot, "#history-status")).startsWith("Last 7 d in steps of 1 h");
        assertThat(onFx(() -> robot.lookup("#history-export").query().isDisabled())).isFalse();
    }

    /**
     * Clicks {@code range} and waits until its history is drawn; how long that took from the click, in ms
     * (the pointer is on the button first, so its travel is not counted).
     */
    private long pick(FxRobot robot, HistoryRange range) throws Exception {
        robot.moveTo("#range-" + range.id());
        long started = System.nanoTime();
        robot.clickOn(MouseButton.PRIMARY);
        waitFor(10, TimeUnit.SECONDS, () -> text(robot, "#history-status").startsWith("Last " + range.label() + " "));
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    private static long stepsOf(HistoryRange range) {
        return switch (range) {
            case HOUR -> 60;
            case DAY -> 288;
            case WEEK -> 168;
            case MONTH -> 360;
            case QUARTER -> 360;
            case LIVE -> throw new IllegalArgumentException("live has no steps");
        };
    }

    @SuppressWarnings("unchecked")
    private static XYChart.Series<Number, Number> series(FxRobot robot, String chart, String name) throws Exception {
        return onFx(() -> ((LineChart<Number, Number>) robot.lookup(chart).query()).getData().stream()
                .filter(s -> s.getName().equals(name)).findFirst().orElseThrow());
    }

    private static double middle(XYChart.Series<Number, Number> s) throws Exception {
        return onFx(() -> s.getData().get(s.getData().size() / 2).getYValue().doubleValue());
    }

    private static boolean visible(FxRobot robot, String query) throws Exception {
        return onFx(() -> {
            Node n = robot.lookup(query).query();
            for (Node at = n; at != null; at = at.getParent()) {
                if (!at.isVisible()) {
                    return false;
                }
            }
            return true;
        });
    }

    private static String text(FxRobot robot, String query) throws Exception {
        return onFx(() -> robot.lookup(query).queryAs(Label.class).getText());
    }
}
