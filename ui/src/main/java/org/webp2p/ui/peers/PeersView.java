package org.webp2p.ui.peers;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.controlsfx.control.table.TableFilter;
import org.webp2p.ui.Format;
import org.webp2p.ui.LiveRow;
import org.webp2p.ui.Tables;

/** A sortable, filterable table of live peers, with the chosen peer's details beside it. */
public final class PeersView extends BorderPane {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final PeersViewModel model;
    private final TableView<LiveRow<PeerRow>> table = new TableView<>();
    private final Map<String, Function<PeerRow, String>> details = new LinkedHashMap<>();
    private final Map<String, Label> detailValues = new LinkedHashMap<>();
    private final Label detailTitle = new Label();
    private TableFilter<LiveRow<PeerRow>> filter;

    public PeersView(PeersViewModel model) {
        this.model = model;
        createView();
        initListeners();
    }

    private void createView() {
        getStyleClass().add("page");
        setId("peers-page");
        setPadding(new Insets(16));
        Label title = new Label("Peers");
        title.getStyleClass().add("page-title");
        BorderPane.setMargin(title, new Insets(0, 0, 12, 0));
        setTop(title);

        table.setId("peers-table");
        table.setPlaceholder(new Label("No peers have announced"));
        table.getColumns().add(Tables.liveColumn("ID", 130, PeerRow::peerId));
        table.getColumns().add(Tables.liveColumn("Stream", 100, PeerRow::swarm));
        table.getColumns().add(Tables.liveColumn("Public address", 150, PeerRow::publicAddress));
        table.getColumns().add(Tables.liveColumn("NAT type", 130, r -> r.natType().name()));
        table.getColumns().add(Tables.liveColumn("Held", 70, PeerRow::held, String::valueOf));
        table.getColumns().add(Tables.liveColumn("Position", 80, PeerRow::position, String::valueOf));
        table.getColumns().add(Tables.liveColumn("Upload", 90, (PeerRow r) -> r.uploadKbps() * 1000L,
                b -> Format.bitsPerSecond(b)));
        table.getColumns().add(Tables.liveColumn("Last seen", 90, PeerRow::lastSeenAgo, PeersView::ago));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setItems(model.rows());
        filter = TableFilter.forTableView(table).apply();
        setCenter(table);

        details.put("Peer ID", PeerRow::peerId);
        details.put("Stream", PeerRow::swarm);
        details.put("NAT type", r -> r.natType().name());
        details.put("Addresses", r -> r.addresses().isEmpty() ? "none announced" : String.join("\n", r.addresses()));
        details.put("Announced from", PeerRow::source);
        details.put("Position", r -> Long.toString(r.position()));
        details.put("Holds", r -> r.held() + " segments (" + r.heldRange() + ")");
        details.put("Upload offered", r -> Format.bitsPerSecond(r.uploadKbps() * 1000.0));
        details.put("Joined", r -> TIME.format(r.joined()));
        details.put("Last seen", r -> ago(r.lastSeenAgo()));

        detailTitle.getStyleClass().add("section-title");
        detailTitle.setText("No peer selected");
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(6);
        int row = 0;
        for (String caption : details.keySet()) {
            Label c = new Label(caption);
            c.getStyleClass().add("muted-text");
            c.setMinWidth(Region.USE_PREF_SIZE);
            Label v = new Label("-");
            v.setId("peer-detail-" + caption.toLowerCase(Locale.ROOT).replace(' ', '-'));
            v.setWrapText(true);
            detailValues.put(caption, v);
            grid.addRow(row++, c, v);
        }
        VBox side = new VBox(10, detailTitle, grid);
        side.setId("peer-details");
        side.getStyleClass().add("side-panel");
        side.setPadding(new Insets(0, 0, 0, 16));
        side.setPrefWidth(280);
        setRight(side);
    }

    private void initListeners() {
        table.getSelectionModel().selectedItemProperty().addListener((obs, was, now) -> {
            if (now != null) {
                model.select(now.key());
            }
        });
        model.selectedProperty().addListener((obs, was, now) -> showDetails(now));
    }

    private void showDetails(PeerRow peer) {
        detailTitle.setText(peer == null ? "No peer selected" : peer.peerId());
        details.forEach((caption, value) -> detailValues.get(caption).setText(peer == null ? "-" : value.apply(peer)));
    }

    /** The column filters, which a test drives as the header menus would. */
    TableFilter<LiveRow<PeerRow>> filter() {
        return filter;
    }

    private static String ago(Duration d) {
        return Format.duration(d) + " ago";
    }
}
