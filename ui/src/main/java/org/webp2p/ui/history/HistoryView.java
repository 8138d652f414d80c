package org.webp2p.ui.history;

import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.webp2p.protocol.admin.HistoryPoint;
import org.webp2p.protocol.admin.NatPairPoint;
import org.webp2p.protocol.admin.TrafficHistory;
import org.webp2p.ui.Format;

/**
 * The range picker of a page and, while a stored range is picked, the charts of its history in place
 * of the page's live figures, with a CSV export of what they draw.
 */
public final class HistoryView extends VBox {
    private final HistoryViewModel model;
    private final ToggleGroup ranges = new ToggleGroup();
    private final Label status = new Label();
    private final Button export = new Button("Export CSV…");
    private final VBox charts = new VBox(8);
    private final HistoryChart traffic = new HistoryChart("history-traffic",
            "Bytes to viewers: HTTP (origin) and P2P (saved the origin)", Format::bytes);
    private final HistoryChart offload = new HistoryChart("history-offload", "P2P offload", Format::percent);
    private final HistoryChart peers = new HistoryChart("history-peers", "Peers reporting, on average",
            v -> String.format("%.0f", v));
    private final HistoryChart startup = new HistoryChart("history-startup", "Startup p95",
            v -> Format.millis(Math.round(v)));
    private final HistoryChart stalls = new HistoryChart("history-stalls", "Stall ratio", Format::percent);
    private final HistoryChart nat = new HistoryChart("history-nat", "NAT traversal success by pair (local > remote)",
            Format::percent);

    public HistoryView(HistoryViewModel model) {
        this.model = model;
        createView();
        initListeners();
    }

    private void createView() {
        setSpacing(8);
        HBox picker = new HBox(4);
        picker.setAlignment(Pos.CENTER_LEFT);
        picker.setId("history-ranges");
        for (HistoryRange r : HistoryRange.values()) {
            ToggleButton b = new ToggleButton(r.label());
            b.setId("range-" + r.id());
            b.setUserData(r);
            b.setToggleGroup(ranges);
            b.setSelected(r == model.rangeProperty().get());
            picker.getChildren().add(b);
        }
        status.setId("history-status");
        status.getStyleClass().add("muted-text");
        status.setWrapText(true);
        status.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(status, Priority.ALWAYS);
        export.setId("history-export");
        export.setTooltip(new Tooltip("Saves the figures the charts draw, one row a step"));
        HBox top = new HBox(12, picker, status, export);
        top.setAlignment(Pos.CENTER_LEFT);

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        for (int i = 0; i < 2; i++) {
            ColumnConstraints half = new ColumnConstraints();
            half.setPercentWidth(50);
            grid.getColumnConstraints().add(half);
        }
        List<HistoryChart> all = List.of(traffic, offload, peers, startup, stalls, nat);
        for (int i = 0; i < all.size(); i++) {
            grid.add(all.get(i).node(), i % 2, i / 2);
        }
        charts.setId("history-charts");
        charts.getChildren().add(grid);
        VBox.setVgrow(charts, Priority.ALWAYS);
        getChildren().addAll(top, charts);
    }

    private void initListeners() {
        ranges.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                // A second click on the picked range reads it again rather than leaving none picked.
                old.setSelected(true);
                model.reload();
            } else {
                model.rangeProperty().set((HistoryRange) now.getUserData());
            }
        });
        status.textProperty().bind(model.statusProperty());
        charts.visibleProperty().bind(model.liveProperty().not());
        charts.managedProperty().bind(charts.visibleProperty());
        export.visibleProperty().bind(charts.visibleProperty());
        export.disableProperty().bind(model.shownProperty().isNull());
        export.setOnAction(e -> exportCsv());
        model.shownProperty().addListener((obs, old, now) -> {
            if (now != null) {
                show(now);
            }
        });
    }

    /** Shows {@code live} only while the live window is picked: the history charts take their place. */
    public void replaces(Node... live) {
        for (Node n : live) {
            n.visibleProperty().bind(model.liveProperty());
            n.managedProperty().bind(model.liveProperty());
        }
    }

    private void exportCsv() {
        HistoryViewModel.Shown s = model.shownProperty().get();
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the history as CSV");
        chooser.setInitialFileName("webp2p-history-" + s.range().id() + ".csv");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        File file = chooser.showSaveDialog(getScene().getWindow());
        if (file != null) {
            model.export(file.toPath());
        }
    }

    private void show(HistoryViewModel.Shown s) {
        TrafficHistory h = s.history();
        boolean dates = s.range().showsDates();
        traffic.show(h.from(), h.to(), dates, List.of(line("HTTP (origin)", h, p -> p.httpBytes()),
                line("P2P (saved)", h, p -> p.p2pBytes())));
        offload.show(h.from(), h.to(), dates, List.of(line("offload", h, HistoryPoint::offloadRatio)));
        peers.show(h.from(), h.to(), dates, List.of(line("peers", h, HistoryPoint::peers)));
        List<XYChart.Data<Number, Number>> p95 = new ArrayList<>();
        h.points().stream().filter(p -> p.startupP95Ms() >= 0)
                .forEach(p -> p95.add(HistoryChart.point(p.start(), p.startupP95Ms())));
        startup.show(h.from(), h.to(), dates, List.of(new HistoryChart.Line("startup p95", p95)));
        stalls.show(h.from(), h.to(), dates, List.of(line("stall ratio", h, HistoryPoint::stallRatio)));
        Map<NatPairs.Pair, List<XYChart.Data<Number, Number>>> byPair = new HashMap<>();
        s.pairs().forEach(p -> byPair.put(p, new ArrayList<>()));
        for (NatPairPoint n : h.natPairs()) {
            List<XYChart.Data<Number, Number>> points = byPair.get(NatPairs.Pair.of(n));
            if (points != null && n.attempts() > 0) {
                points.add(HistoryChart.point(n.start(), n.successRatio()));
            }
        }
        nat.show(h.from(), h.to(), dates, s.pairs().stream()
                .map(p -> new HistoryChart.Line(p.label(), byPair.get(p))).toList());
    }

    private static HistoryChart.Line line(String name, TrafficHistory h, ToDoubleFunction<HistoryPoint> y) {
        return new HistoryChart.Line(name, h.points().stream()
                .map(p -> HistoryChart.point(p.start(), y.applyAsDouble(p))).toList());
    }
}
