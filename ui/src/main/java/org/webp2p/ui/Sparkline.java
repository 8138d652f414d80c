package org.webp2p.ui;

import java.util.List;
import javafx.scene.layout.Region;
import javafx.scene.shape.Polyline;

/** A small line of recent values without axes, scaled to its own range; shows the trend beside a figure. */
public final class Sparkline extends Region {
    private final Polyline line = new Polyline();
    private List<Double> values = List.of();

    public Sparkline(double width, double height) {
        getStyleClass().add("sparkline");
        line.getStyleClass().add("sparkline-line");
        setPrefSize(width, height);
        setMinSize(width, height);
        setMaxSize(width, height);
        getChildren().add(line);
    }

    public void setValues(List<Double> values) {
        this.values = List.copyOf(values);
        requestLayout();
    }

    public List<Double> getValues() {
        return values;
    }

    @Override
    protected void layoutChildren() {
        line.getPoints().clear();
        if (values.isEmpty()) {
            return;
        }
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double w = getWidth() - 2;
        double h = getHeight() - 2;
        double span = max - min;
        int n = values.size();
        for (int i = 0; i < n; i++) {
            double x = 1 + (n == 1 ? 0 : w * i / (n - 1));
            // A flat series of zeros sits on the baseline, so "always zero" looks empty; any other flat
            // series sits mid-height, so a steady 90 % does not look like nothing.
            double y = 1 + (span == 0 ? (max == 0 ? h : h / 2) : h * (1 - (values.get(i) - min) / span));
            line.getPoints().addAll(x, y);
        }
        if (n == 1) {
            line.getPoints().addAll(1 + w, line.getPoints().get(1)); // one value reads as a level, not a dot
        }
    }
}
