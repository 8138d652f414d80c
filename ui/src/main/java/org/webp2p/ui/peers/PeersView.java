package org.webp2p.ui.peers;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import org.controlsfx.control.table.TableFilter;
import org.webp2p.ui.DetailPanel;
import org.webp2p.ui.Format;
import org.webp2p.ui.LiveRow;
import org.webp2p.ui.Tables;

/** A sortable, filterable table of live peers, with the chosen peer's details beside it. */
public final class PeersView extends BorderPane {
    private DetailPanel<PeerRow> details;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final PeersViewModel model;
    private final TableView<LiveRow<PeerRow>> table = new TableView<>();
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

        Map<String, Function<PeerRow, String>> fields = new LinkedHashMap<>();
        fields.put("Peer ID", PeerRow::peerId);
        fields.put("Stream", PeerRow::swarm);
        fields.put("NAT type", r -> r.natType().name());
        fields.put("Addresses", r -> r.addresses().isEmpty() ? "none announced" : String.join("\n", r.addresses()));
        fields.put("Announced from", PeerRow::source);
        fields.put("Position", r -> Long.toString(r.position()));
        fields.put("Holds", r -> r.held() + " segments (" + r.heldRange() + ")");
        fields.put("Upload offered", r -> Format.bitsPerSecond(r.uploadKbps() * 1000.0));
        fields.put("Joined", r -> TIME.format(r.joined()));
        fields.put("Last seen", r -> ago(r.lastSeenAgo()));

        details = new DetailPanel<>("peer", "No peer selected", PeerRow::peerId, fields, 280);
        setRight(details);
    }

    private void initListeners() {
        table.getSelectionModel().selectedItemProperty().addListener((obs, was, now) -> {
            if (now != null) {
                model.select(now.key());
            }
        });
        model.selectedProperty().addListener((obs, was, now) -> details.show(now));
    }


    /** The column filters, which a test drives as the header menus would. */
    TableFilter<LiveRow<PeerRow>> filter() {
        return filter;
    }

    private static String ago(Duration d) {
        return Format.duration(d) + " ago";
    }
}
