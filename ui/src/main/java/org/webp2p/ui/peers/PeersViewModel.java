package org.webp2p.ui.peers;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableList;
import org.webp2p.ui.FxThread;
import org.webp2p.ui.LivePeer;
import org.webp2p.ui.LiveRow;
import org.webp2p.ui.LiveRows;
import org.webp2p.ui.NodeModel;
import org.webp2p.ui.NodeSnapshot;

/**
 * The Peers page: every live peer of every swarm, SDK players and browser pages alike, and the one the
 * operator is looking at.
 */
public final class PeersViewModel {
    private final LiveRows<LivePeer> rows = new LiveRows<>(LivePeer::key);
    private final ReadOnlyObjectWrapper<LivePeer> selected = new ReadOnlyObjectWrapper<>();
    private String selectedKey;

    public PeersViewModel(NodeModel node) {
        node.snapshotProperty().addListener((obs, old, s) -> apply(s));
        if (node.snapshotProperty().get() != null) {
            apply(node.snapshotProperty().get());
        }
    }

    private void apply(NodeSnapshot s) {
        FxThread.require("the peers view model's update");
        rows.apply(s.livePeers());
        refreshSelected();
    }

    /**
     * Shows a peer in the side panel until another is chosen. A peer that leaves its swarm clears the
     * panel rather than leaving stale figures on it.
     */
    public void select(String key) {
        if (key != null) {
            selectedKey = key;
            refreshSelected();
        }
    }

    private void refreshSelected() {
        selected.set(selectedKey == null ? null : rows.find(selectedKey).orElse(null));
    }

    public ObservableList<LiveRow<LivePeer>> rows() {
        return rows.rows();
    }

    public ReadOnlyObjectProperty<LivePeer> selectedProperty() {
        return selected.getReadOnlyProperty();
    }
}
