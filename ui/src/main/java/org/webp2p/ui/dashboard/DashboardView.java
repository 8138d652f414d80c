package org.webp2p.ui.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedAreaChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.webp2p.ui.ClientSplitView;
import org.webp2p.ui.Format;
import org.webp2p.ui.Pages;
import org.webp2p.ui.Sparkline;
import org.webp2p.ui.TimelineSample;
import org.webp2p.ui.history.HistoryView;

/**
 * Tiles with the node's headline figures and trends, the offload of browsers and of SDK players
 * apart, and a chart of HTTP against P2P traffic.
 */
public final class DashboardView extends VBox {
    private final DashboardViewModel model;
    private final XYChart.Series<Number, Number> http = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> p2p = new XYChart.Series<>();
    private final NumberAxis time = new NumberAxis();
    /** Where x = 0 is; points keep their x for life, so a tick only appends and trims. */
    private Instant origin;
    private Instant lastPlotted;

    /** @param firstRun what the page offers while nothing plays, above the figures */
    public DashboardView(DashboardViewModel model, Node firstRun) {
        this.model = model;
        createView(firstRun);
        initListeners();
    }

    private void createView(Node firstRun) {
        Label title = Pages.begin(this, "Dashboard");

        FlowPane tiles = new FlowPane(12, 12);
        model.tiles().forEach(t -> tiles.getChildren().add(tile(t)));

        Label splitTitle = new Label("Offload by kind of viewer, pingback's live window");
        splitTitle.getStyleClass().add("section-title");
        ClientSplitView split = new ClientSplitView("dashboard-split", model.clientsProperty());

        Label chartTitle = new Label("Traffic to viewers: origin (HTTP) and peers (P2P)");
        chartTitle.getStyleClass().add("section-title");
        time.setLabel("seconds ago");
        time.setAutoRanging(false);
        // An animated range would lag the labels, which count back from the current upper bound.
        time.setAnimated(false);
        time.setMinorTickVisible(false);
        time.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return Long.toString(Math.round(time.getUpperBound() - n.doubleValue()));
            }

            @Override
            public Number fromString(String s) {
                return time.getUpperBound() - Double.parseDouble(s);
            }
        });
        NumberAxis rate = new NumberAxis();
        rate.setLabel("bytes per second");
        rate.setAnimated(false);
        rate.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return Format.bytes(n.doubleValue()) + "/s";
            }

            @Override
            public Number fromString(String s) {
                throw new UnsupportedOperationException("axis labels are not edited");
            }
        });
        StackedAreaChart<Number, Number> chart = new StackedAreaChart<>(time, rate);
        chart.setId("traffic-chart");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setVerticalZeroLineVisible(false); // x = 0 is merely when the page was built
        chart.setMinHeight(220);
        http.setName("HTTP (origin)");
        p2p.setName("P2P (peers)");
        chart.setData(FXCollections.observableArrayList(List.of(http, p2p)));
        VBox.setVgrow(chart, Priority.ALWAYS);

        Label services = new Label();
        services.setId("dashboard-services");
        services.textProperty().bind(model.servicesProperty());
        Label where = new Label(model.where());
        where.setId("dashboard-where");
        where.getStyleClass().add("muted-text");

        HistoryView history = new HistoryView(model.history());
        history.replaces(tiles, splitTitle, split, chartTitle, chart);
        getChildren().addAll(title, firstRun, history, tiles, splitTitle, split, chartTitle, chart, services, where);
    }

    private void initListeners() {
        model.trafficProperty().addListener((obs, old, samples) -> plot(samples));
        plot(model.trafficProperty().get());
    }

    private void plot(List<TimelineSample> samples) {
        if (samples.isEmpty()) {
            http.getData().clear();
            p2p.getData().clear();
            lastPlotted = null;
            return;
        }
        if (origin == null) {
            origin = samples.get(0).at();
        }
        double oldest = x(samples.get(0).at());
        int stale = 0;
        while (stale < http.getData().size() && http.getData().get(stale).getXValue().doubleValue() < oldest) {
            stale++;
        }
        http.getData().remove(0, stale);
        p2p.getData().remove(0, stale);
        for (TimelineSample s : samples) {
            if (lastPlotted == null || s.at().isAfter(lastPlotted)) {
                http.getData().add(new XYChart.Data<>(x(s.at()), s.httpBps()));
                p2p.getData().add(new XYChart.Data<>(x(s.at()), s.p2pBps()));
            }
        }
        lastPlotted = samples.get(samples.size() - 1).at();
        scaleTime(oldest, x(lastPlotted));
    }

    /** Ticks at round "seconds ago" values: the range is a whole number of ticks back from now. */
    private void scaleTime(double from, double to) {
        double span = Math.max(to - from, 1);
        double unit = 600;
        for (double u : new double[] {1, 2, 5, 10, 15, 30, 60, 120, 300}) {
            if (span / u <= 8) {
                unit = u;
                break;
            }
        }
        // NumberAxis puts a tick on the lower bound and then on whole numbers from it up: with a
        // fractional lower bound that drew two labels side by side ("25 24"). Whole-second bounds make
        // every tick a whole number of units back from the upper bound, at most a second ahead of now.
        double top = Math.ceil(to);
        time.setTickUnit(unit);
        time.setUpperBound(top);
        time.setLowerBound(top - Math.ceil((top - from) / unit) * unit);
    }

    private double x(Instant at) {
        return Duration.between(origin, at).toNanos() / 1e9;
    }

    private static VBox tile(TileViewModel t) {
        Label value = new Label();
        value.setId("tile-" + t.id());
        value.getStyleClass().add("tile-value");
        value.textProperty().bind(t.textProperty());
        Label caption = new Label(t.caption());
        caption.getStyleClass().add("tile-caption");
        Sparkline trend = new Sparkline(200, 28);
        trend.setId("trend-" + t.id());
        t.trendProperty().addListener((obs, old, now) -> trend.setValues(now));
        trend.setValues(t.trendProperty().get());
        VBox box = new VBox(4, value, caption, trend);
        box.getStyleClass().add("tile");
        box.setPrefWidth(228);
        return box;
    }
}
