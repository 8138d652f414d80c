package org.webp2p.ui.swarm;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.webp2p.nat.NatType;
import org.webp2p.protocol.admin.PeerRecord;
import org.webp2p.protocol.admin.StreamStats;
import org.webp2p.protocol.admin.SwarmSummary;
import org.webp2p.protocol.admin.WebPeer;
import org.webp2p.ui.FxThread;
import org.webp2p.ui.LivePeer;
import org.webp2p.ui.NodeModel;
import org.webp2p.ui.NodeSnapshot;

/**
 * The Swarm page: the streams one can look at, the peers of the chosen one as the graph draws them
 * (its SDK swarm and its browser swarms together), and the peer the operator clicked.
 */
public final class SwarmViewModel {
    private final ObservableList<String> streams = FXCollections.observableArrayList();
    private final ObjectProperty<String> stream = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<List<LivePeer>> peers = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyObjectWrapper<List<GraphLink>> links = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyObjectWrapper<LivePeer> selected = new ReadOnlyObjectWrapper<>();
    private NodeSnapshot last;
    private String selectedId;

    public SwarmViewModel(NodeModel node) {
        node.snapshotProperty().addListener((obs, old, s) -> apply(s));
        stream.addListener((obs, was, now) -> {
            selectedId = null;
            refresh();
        });
        if (node.snapshotProperty().get() != null) {
            apply(node.snapshotProperty().get());
        }
    }

    private void apply(NodeSnapshot s) {
        FxThread.require("the swarm view model's update");
        last = s;
        // Swarms come largest first, so the busiest stream is offered first; then streams nobody watches.
        Set<String> names = new LinkedHashSet<>();
        s.swarms().stream().map(SwarmSummary::swarm).forEach(names::add);
        s.webPeers().stream().map(WebPeer::swarm).filter(Objects::nonNull).forEach(names::add);
        s.streams().stream().map(StreamStats::name).forEach(names::add);
        if (!streams.equals(List.copyOf(names))) {
            streams.setAll(names);
        }
        if (stream.get() == null && !streams.isEmpty()) {
            stream.set(streams.get(0)); // refreshes through the listener
        } else {
            refresh();
        }
    }

    private void refresh() {
        List<LivePeer> now = last == null || stream.get() == null ? List.of()
                : last.livePeers().stream().filter(p -> stream.get().equals(p.stream())).toList();
        peers.set(now);
        links.set(last == null || stream.get() == null ? List.of() : last.swarmLinks(stream.get()).stream()
                .map(l -> new GraphLink(l.peerA(), l.peerB(), l.bytes())).toList());
        // A peer that left clears the details rather than leaving stale figures on them.
        selected.set(now.stream().filter(p -> p.peerId().equals(selectedId)).findFirst().orElse(null));
    }

    /** Shows a peer's details, or none for {@code null}. */
    public void select(String peerId) {
        selectedId = peerId;
        refresh();
    }

    /** The chosen stream's live peers as the graph draws them. */
    public List<GraphPeer> graphPeers() {
        return peers.get().stream().map(p -> new GraphPeer(p.peerId(), p.kind(),
                p.announced().map(PeerRecord::natType).orElse(NatType.UNKNOWN),
                p.announced().map(PeerRecord::uploadKbps).orElse(0))).toList();
    }

    /** Bytes between the chosen stream's peers over pingback's window, as the graph draws them. */
    public List<GraphLink> graphLinks() {
        return links.get();
    }

    /** The chosen stream's links, replaced whole at each snapshot when they changed. */
    public ReadOnlyObjectProperty<List<GraphLink>> linksProperty() {
        return links.getReadOnlyProperty();
    }

    public ObservableList<String> streams() {
        return streams;
    }

    public ObjectProperty<String> streamProperty() {
        return stream;
    }

    /** The chosen stream's live peers of both kinds, replaced whole at each snapshot. */
    public ReadOnlyObjectProperty<List<LivePeer>> peersProperty() {
        return peers.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<LivePeer> selectedProperty() {
        return selected.getReadOnlyProperty();
    }
}
