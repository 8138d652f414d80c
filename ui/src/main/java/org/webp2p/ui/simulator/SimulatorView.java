package org.webp2p.ui.simulator;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.webp2p.sdk.sim.SimulationReport;
import org.webp2p.ui.Format;

/**
 * A form that starts a swarm of simulated viewers against this node, its live progress, and what
 * the viewers experienced, so a newcomer can watch peers arrive on the other pages.
 */
public final class SimulatorView extends BorderPane {
    private final SimulatorViewModel model;
    private final GridPane form = new GridPane();
    private final Label problem = new Label();
    private final Button start = new Button("Start");
    private final Button stop = new Button("Stop");
    private final ListView<String> progress = new ListView<>();
    private final Map<String, Function<SimulationReport, String>> figures = new LinkedHashMap<>();
    private final Map<String, Label> figureValues = new LinkedHashMap<>();

    public SimulatorView(SimulatorViewModel model) {
        this.model = model;
        createView();
        initListeners();
    }

    private void createView() {
        getStyleClass().add("page");
        setId("simulator-page");
        setPadding(new Insets(16));
        Label title = new Label("Simulator");
        title.getStyleClass().add("page-title");
        Label hint = new Label("Plays a swarm of real SDK viewers, each from its own 127.x address, against this node. "
                + "They appear on the Dashboard, Peers and Swarm pages as they join.");
        hint.getStyleClass().add("muted-text");
        hint.setWrapText(true);
        VBox top = new VBox(6, title, hint);
        BorderPane.setMargin(top, new Insets(0, 0, 12, 0));
        setTop(top);

        form.setHgap(10);
        form.setVgap(8);
        field("Stream", "sim-stream", model.streamProperty());
        field("Peers", "sim-peers", model.peersProperty());
        field("NAT mix", "sim-nat-mix", model.natMixProperty());
        field("Churn (% a minute)", "sim-churn", model.churnProperty());
        field("Duration", "sim-duration", model.durationProperty());
        problem.setId("sim-problem");
        problem.getStyleClass().add("error-text");
        problem.setWrapText(true);
        start.setId("sim-start");
        start.setDefaultButton(true);
        stop.setId("sim-stop");
        HBox buttons = new HBox(8, start, stop);
        progress.setId("sim-progress");
        progress.setPlaceholder(new Label("No simulation has run"));
        progress.setPrefHeight(200);
        VBox left = new VBox(10, form, problem, buttons, progress);
        VBox.setVgrow(progress, Priority.ALWAYS);
        setCenter(left);

        figures.put("Conditions", r -> r.stream() + " · " + Format.bitsPerSecond(r.streamBitrateKbps() * 1000)
                + " · network " + r.network());
        figures.put("Peers started", r -> r.peersStarted() + " (" + r.peersAtEnd() + " at the end)");
        figures.put("Never started", r -> r.peersNeverStarted().isEmpty() ? "none" : counts(r.peersNeverStarted().stream()
                .collect(Collectors.groupingBy(n -> n.reason().name(), Collectors.counting()))));
        figures.put("Stalls", r -> r.stalls() + " (" + Format.millis(r.stallMs()) + ")");
        figures.put("Startup", r -> "p50 " + Format.millis(r.startupP50Ms()) + " · p95 " + Format.millis(r.startupP95Ms()));
        figures.put("Origin bytes", r -> Format.bytes(r.originBytes()));
        figures.put("Peer bytes", r -> Format.bytes(r.p2pBytes()));
        figures.put("P2P offload", r -> Format.percent(r.offloadRatio()));
        figures.put("NAT success", r -> r.natSuccess().isEmpty() ? "no peer connections tried" : natSuccess(r));
        figures.put("HTTP fallbacks", r -> r.fallbacks().isEmpty() ? "none" : counts(r.fallbacks()));
        figures.put("Peer failures", r -> r.peerFailures().isEmpty() ? "none" : counts(r.peerFailures()));
        GridPane report = new GridPane();
        report.setHgap(10);
        report.setVgap(6);
        int row = 0;
        for (String caption : figures.keySet()) {
            Label c = new Label(caption);
            c.getStyleClass().add("muted-text");
            c.setMinWidth(Region.USE_PREF_SIZE);
            Label v = new Label("-");
            v.setId("sim-report-" + caption.toLowerCase(Locale.ROOT).replace(' ', '-'));
            v.setWrapText(true);
            figureValues.put(caption, v);
            report.addRow(row++, c, v);
        }
        Label reportTitle = new Label("Report");
        reportTitle.getStyleClass().add("section-title");
        VBox side = new VBox(10, reportTitle, report);
        side.setId("sim-report");
        side.getStyleClass().add("side-panel");
        side.setPadding(new Insets(0, 0, 0, 16));
        side.setPrefWidth(300);
        setRight(side);
    }

    /** Pairs as "FULL_CONE→OPEN 95%", one per line, so a long matrix stays readable. */
    private static String natSuccess(SimulationReport r) {
        StringBuilder out = new StringBuilder();
        r.natSuccess().forEach((pair, ratio) -> out.append(out.length() == 0 ? "" : "\n")
                .append(pair.replace("->", " → ")).append("  ").append(Format.percent(ratio)));
        return out.toString();
    }

    /** Reasons with their counts, most frequent first: "SEEDING 40 · URGENT 3". */
    private static String counts(Map<String, Long> byReason) {
        return byReason.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(" · "));
    }

    private void field(String caption, String id, StringProperty value) {
        Label c = new Label(caption);
        c.setMinWidth(Region.USE_PREF_SIZE);
        TextField f = new TextField();
        f.setId(id);
        f.setPrefColumnCount(28);
        f.textProperty().bindBidirectional(value);
        form.addRow(form.getRowCount(), c, f);
    }

    private void initListeners() {
        problem.textProperty().bind(model.problemProperty());
        start.disableProperty().bind(model.problemProperty().isNotEmpty().or(model.runningProperty()));
        stop.disableProperty().bind(model.runningProperty().not());
        form.disableProperty().bind(model.runningProperty());
        start.setOnAction(e -> model.start());
        stop.setOnAction(e -> model.stop());
        progress.setItems(model.progress());
        model.reportProperty().addListener((obs, was, r) -> showReport(r));
        // The Dashboard's first run may have run a simulation before this page was first shown.
        showReport(model.reportProperty().get());
    }

    private void showReport(SimulationReport r) {
        figures.forEach((caption, value) -> figureValues.get(caption).setText(r == null ? "-" : value.apply(r)));
    }
}
