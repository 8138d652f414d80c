package org.webp2p.ui.history;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import java.util.function.Function;
import javafx.collections.FXCollections;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.util.StringConverter;

/**
 * One chart of a stored history: lines over a time axis of epoch seconds, labelled in this machine's
 * time zone. A new history replaces every line in one step.
 */
final class HistoryChart {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MM-dd HH:mm");
    /** Tick labels a chart half a screen wide fits side by side. */
    private static final int TICKS = 6;

    private final NumberAxis time = new NumberAxis();
    private final NumberAxis value = new NumberAxis();
    private final LineChart<Number, Number> chart = new LineChart<>(time, value);
    private DateTimeFormatter format = TIME;

    HistoryChart(String id, String title, DoubleFunction<String> valueLabel) {
        chart.setId(id);
        chart.setTitle(title);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setMinHeight(180);
        chart.setPrefHeight(220);
        time.setAutoRanging(false);
        time.setAnimated(false);
        time.setMinorTickVisible(false);
        time.setTickLabelFormatter(labels(n -> format.format(Instant.ofEpochSecond(n.longValue())
                .atZone(ZoneId.systemDefault()))));
        value.setAnimated(false);
        value.setForceZeroInRange(true);
        value.setTickLabelFormatter(labels(n -> valueLabel.apply(n.doubleValue())));
    }

    private static StringConverter<Number> labels(Function<Number, String> label) {
        return new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return label.apply(n);
            }

            @Override
            public Number fromString(String s) {
                throw new UnsupportedOperationException("axis labels are not edited");
            }
        };
    }

    LineChart<Number, Number> node() {
        return chart;
    }

    /** A named line of points, x in epoch seconds. */
    record Line(String name, List<XYChart.Data<Number, Number>> points) {
    }

    static XYChart.Data<Number, Number> point(Instant at, double y) {
        return new XYChart.Data<>(at.getEpochSecond(), y);
    }

    /** Shows {@code lines} from {@code from} to {@code to}, replacing what was shown. */
    void show(Instant from, Instant to, boolean dates, List<Line> lines) {
        format = dates ? DATE : TIME;
        double lower = from.getEpochSecond();
        double upper = to.getEpochSecond();
        time.setLowerBound(lower);
        time.setUpperBound(upper);
        time.setTickUnit(Math.max(60, (upper - lower) / TICKS));
        List<XYChart.Series<Number, Number>> series = new ArrayList<>();
        for (Line l : lines) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>(l.name(),
                    FXCollections.observableArrayList(l.points()));
            series.add(s);
        }
        chart.setData(FXCollections.observableArrayList(series));
    }
}
