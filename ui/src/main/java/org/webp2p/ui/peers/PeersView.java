package org.webp2p.ui.peers;

import java.util.function.Function;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import org.controlsfx.control.table.TableFilter;
import org.webp2p.protocol.admin.LiveSession;
import org.webp2p.protocol.admin.PeerRecord;
import org.webp2p.ui.DetailPanel;
import org.webp2p.ui.Format;
import org.webp2p.ui.LivePeer;
import org.webp2p.ui.LiveRow;
import org.webp2p.ui.PeerFields;
import org.webp2p.ui.Tables;

/**
 * A sortable, filterable table of live peers of both kinds, with the chosen peer's details below it
 * (below, so the table keeps the window's width for its columns). A cell stays empty where a kind
 * of peer does not report the figure, or no beacon matches the peer.
 */
public final class PeersView extends BorderPane {
    private final PeersViewModel model;
    private final TableView<LiveRow<LivePeer>> table = new TableView<>();
    private DetailPanel<LivePeer> details;
    private TableFilter<LiveRow<LivePeer>> filter;

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
        table.getColumns().add(Tables.liveColumn("ID", 180, LivePeer::peerId));
        table.getColumns().add(Tables.liveColumn("Kind", 70, p -> p.kind().wire()));
        table.getColumns().add(Tables.liveColumn("Stream", 65, LivePeer::stream));
        table.getColumns().add(Tables.liveColumn("Public address", 110, PeersView::publicAddress));
        table.getColumns().add(Tables.liveColumn("Local addresses", 130,
                p -> announced(p, r -> String.join(" ", r.addresses()))));
        table.getColumns().add(Tables.liveColumn("NAT type", 105, p -> announced(p, r -> r.natType().name())));
        table.getColumns().add(Tables.liveColumn("Held", 45,
                p -> announced(p, r -> r.have() == null ? 0L : (long) r.have().size()), String::valueOf));
        table.getColumns().add(Tables.liveColumn("Position", 70, p -> announced(p, PeerRecord::position),
                String::valueOf));
        table.getColumns().add(Tables.liveColumn("Upload", 80, p -> announced(p, r -> r.uploadKbps() * 1000L),
                b -> Format.bitsPerSecond(b)));
        table.getColumns().add(bytes("HTTP", LiveSession::httpBytes));
        table.getColumns().add(bytes("P2P", LiveSession::p2pBytes));
        table.getColumns().add(bytes("Sent", LiveSession::uploadedBytes));
        table.getColumns().add(Tables.liveColumn("Last seen", 80, LivePeer::lastSeenAgo, PeerFields::ago));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setItems(model.rows());
        filter = TableFilter.forTableView(table).apply();
        setCenter(table);

        details = DetailPanel.below("peer", "No peer selected", LivePeer::peerId, PeerFields.details(), 3);
        // A peer in a busy swarm reports dozens of connection attempts: bounded and scrolled, its details
        // keep below the table instead of growing over it, and its long id wraps at the window's width.
        ScrollPane below = new ScrollPane(details);
        below.setFitToWidth(true);
        below.setPrefViewportHeight(230);
        below.getStyleClass().add("page-scroll");
        setBottom(below);
    }

    private void initListeners() {
        table.getSelectionModel().selectedItemProperty().addListener((obs, was, now) -> {
            if (now != null) {
                model.select(now.key());
            }
        });
        model.selectedProperty().addListener((obs, was, now) -> details.show(now));
    }

    /** Bytes a peer's beacons reported; an empty cell when no live session matches it. */
    private static TableColumn<LiveRow<LivePeer>, Long> bytes(String title, Function<LiveSession, Long> bytes) {
        return Tables.liveColumn(title, 70, p -> p.traffic().map(bytes).orElse(null), b -> Format.bytes(b));
    }

    /** What the tracker has from an SDK peer's announce; null, an empty cell, for a browser. */
    private static <T> T announced(LivePeer p, Function<PeerRecord, T> value) {
        return p.announced().map(value).orElse(null);
    }

    /**
     * Where its announces or its WebSocket came from: its NAT's public address. An SDK peer's own
     * addresses are its local ones, shown beside it.
     */
    private static String publicAddress(LivePeer p) {
        return p.source() == null ? null : p.source().getHostAddress();
    }

    /** The column filters, which a test drives as the header menus would. */
    TableFilter<LiveRow<LivePeer>> filter() {
        return filter;
    }
}
