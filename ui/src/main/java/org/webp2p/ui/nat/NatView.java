package org.webp2p.ui.nat;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import javafx.geometry.Pos;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.jspecify.annotations.Nullable;
import org.webp2p.nat.NatType;
import org.webp2p.ui.LiveRow;
import org.webp2p.ui.Pages;
import org.webp2p.ui.Tables;

/** A heat map of connection success by NAT type pair, the live peers' NAT types, and STUN counters. */
public final class NatView extends ScrollPane {
    private static final String LAN = "LAN";
    private final NatViewModel model;
    private final XYChart.Series<String, Number> types = new XYChart.Series<>();
    private final Map<NatType, XYChart.Data<String, Number>> bars = new EnumMap<>(NatType.class);

    public NatView(NatViewModel model) {
        this.model = model;
        createView();
        initListeners();
    }

    private void createView() {
        getStyleClass().add("page");
        setFitToWidth(true);
        VBox content = new VBox();
        Label title = Pages.begin(content, "NAT traversal");

        Label matrixTitle = new Label("Connection success by NAT type (rows connect to columns; "
                + "LAN: of the links made, those on a local address, between peers behind one NAT)");
        matrixTitle.getStyleClass().add("section-title");
        Label totals = new Label();
        totals.setId("nat-totals");
        totals.textProperty().bind(model.totalsProperty());

        CategoryAxis typeAxis = new CategoryAxis();
        NumberAxis countAxis = new NumberAxis();
        countAxis.setLabel("live peers");
        countAxis.setMinorTickVisible(false);
        BarChart<String, Number> distribution = new BarChart<>(typeAxis, countAxis);
        distribution.setId("nat-distribution");
        distribution.setTitle("NAT types of live peers");
        distribution.setLegendVisible(false);
        distribution.setAnimated(false);
        distribution.setPrefSize(520, 300);
        for (NatType t : NatType.values()) {
            XYChart.Data<String, Number> bar = new XYChart.Data<>(label(t), 0);
            bars.put(t, bar);
            types.getData().add(bar);
        }
        distribution.getData().add(types);

        TableView<LiveRow<NatViewModel.Counter>> stun = new TableView<>(model.stunCounters());
        stun.setId("stun-counters");
        stun.setPlaceholder(new Label("STUN is not running"));
        stun.getColumns().add(Tables.liveColumn("STUN counter", 220, NatViewModel.Counter::name));
        stun.getColumns().add(Tables.liveColumn("Value", 100, NatViewModel.Counter::value, String::valueOf));
        stun.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        stun.setPrefSize(340, 300);
        HBox.setHgrow(distribution, Priority.ALWAYS);

        content.getChildren().addAll(title, connectivity(), matrixTitle, matrix(), totals,
                new HBox(16, distribution, stun));
        setContent(content);
    }

    /**
     * The check a viewer could run, from this machine: a button and the plain words it comes back
     * with, at the top, where someone asking "why no P2P here?" looks first.
     */
    private HBox connectivity() {
        ConnectivityViewModel check = model.connectivity();
        Button run = new Button("Check connectivity");
        run.setId("connectivity-check");
        run.disableProperty().bind(check.runningProperty());
        run.setOnAction(e -> check.check());
        Label result = new Label();
        result.setId("connectivity-result");
        result.setWrapText(true);
        result.textProperty().bind(check.resultProperty());
        HBox.setHgrow(result, Priority.ALWAYS);
        HBox row = new HBox(12, run, result);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private GridPane matrix() {
        GridPane grid = new GridPane();
        grid.setId("nat-matrix");
        grid.setHgap(3);
        grid.setVgap(3);
        NatType[] all = NatType.values();
        for (int c = 0; c < all.length; c++) {
            grid.add(header(label(all[c])), c + 1, 0);
        }
        grid.add(header(LAN), all.length + 1, 0);
        for (int r = 0; r < all.length; r++) {
            Label h = new Label(label(all[r]));
            h.getStyleClass().add("column-header-label");
            grid.add(h, 0, r + 1);
            for (int c = 0; c < all.length; c++) {
                grid.add(cell(model.cell(all[r], all[c])), c + 1, r + 1);
            }
            grid.add(lanCell(model.lanCell(all[r], null)), all.length + 1, r + 1);
        }
        Label lanRow = new Label(LAN);
        lanRow.getStyleClass().add("column-header-label");
        grid.add(lanRow, 0, all.length + 1);
        for (int c = 0; c < all.length; c++) {
            grid.add(lanCell(model.lanCell(null, all[c])), c + 1, all.length + 1);
        }
        grid.add(lanCell(model.lanCell(null, null)), all.length + 1, all.length + 1);
        return grid;
    }

    private static Label header(String text) {
        Label h = new Label(text);
        h.getStyleClass().add("column-header-label");
        h.setWrapText(true);
        h.setPrefWidth(104);
        h.setAlignment(Pos.CENTER);
        return h;
    }

    /** A LAN cell: one fixed tint where there are LAN links, since a share of links is no success rate. */
    private static Label lanCell(NatCellViewModel cell) {
        Label l = plainCell(cell);
        cell.ratioProperty().addListener((obs, was, now) -> tintLan(l, now.doubleValue()));
        tintLan(l, cell.ratioProperty().get());
        return l;
    }

    private static void tintLan(Label l, double share) {
        l.getStyleClass().removeAll("heat-empty", "heat-lan");
        l.getStyleClass().add(share < 0 ? "heat-empty" : "heat-lan");
    }

    private static Label cell(NatCellViewModel cell) {
        Label l = plainCell(cell);
        cell.ratioProperty().addListener((obs, was, now) -> colour(l, now.doubleValue()));
        colour(l, cell.ratioProperty().get());
        return l;
    }

    private static Label plainCell(NatCellViewModel cell) {
        Label l = new Label();
        l.setId(cellId(cell.local(), cell.remote()));
        l.getStyleClass().add("heat-cell");
        l.setAlignment(Pos.CENTER);
        l.setPrefSize(104, 44);
        l.textProperty().bind(cell.textProperty());
        return l;
    }

    /** Red at no success through amber to green at full success; untried pairs stay neutral. */
    private static void colour(Label l, double ratio) {
        l.getStyleClass().remove("heat-empty");
        if (ratio < 0) {
            l.setStyle("");
            l.getStyleClass().add("heat-empty");
            return;
        }
        Color c = Color.hsb(120 * ratio, 0.55, 0.92);
        l.setStyle(String.format(Locale.ROOT, "-fx-background-color: rgb(%d,%d,%d); -fx-text-fill: #0f172a;",
                Math.round(c.getRed() * 255), Math.round(c.getGreen() * 255), Math.round(c.getBlue() * 255)));
    }

    private void initListeners() {
        model.peerTypesProperty().addListener((obs, was, now) -> showTypes(now));
        showTypes(model.peerTypesProperty().get());
    }

    private void showTypes(Map<NatType, Long> counts) {
        counts.forEach((t, n) -> bars.get(t).setYValue(n));
    }

    /** {@code nat-full_cone-symmetric}, or {@code nat-full_cone-lan} with the LAN (null) on a side: the cell's lookup id. */
    public static String cellId(@Nullable NatType local, @Nullable NatType remote) {
        return "nat-" + idPart(local) + "-" + idPart(remote);
    }

    private static String idPart(@Nullable NatType t) {
        return t == null ? "lan" : t.name().toLowerCase(Locale.ROOT);
    }

    private static String label(NatType t) {
        String s = t.name().replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
