package org.webp2p.ui.streams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableList;
import org.webp2p.protocol.admin.StreamStats;
import org.webp2p.protocol.admin.SwarmFigures;
import org.webp2p.ui.FxThread;
import org.webp2p.ui.LiveRow;
import org.webp2p.ui.LiveRows;
import org.webp2p.ui.NodeModel;
import org.webp2p.ui.NodeSnapshot;

/** The Streams page: every stream the origin serves, with its viewers and their P2P offload. */
public final class StreamsViewModel {
    private final LiveRows<StreamRow> rows = new LiveRows<>(StreamRow::name);
    private final ReadOnlyObjectWrapper<StreamRow> selected = new ReadOnlyObjectWrapper<>();
    private final NodeModel node;

    public StreamsViewModel(NodeModel node) {
        this.node = node;
        node.snapshotProperty().addListener((obs, old, s) -> apply(s));
        if (node.snapshotProperty().get() != null) {
            apply(node.snapshotProperty().get());
        }
    }

    private void apply(NodeSnapshot s) {
        FxThread.require("the streams view model's update");
        rows.apply(s.streams().stream().map(stream -> row(stream, s)).toList());
        StreamRow current = selected.get();
        if (current != null) {
            selected.set(rows.find(current.name()).orElse(null));
        }
    }

    private StreamRow row(StreamStats stream, NodeSnapshot s) {
        SwarmFigures figures = s.swarmFigures().get(stream.name());
        boolean encoded = stream.kind() == StreamStats.Kind.LIVE || stream.kind() == StreamStats.Kind.ENDED;
        String path = stream.playlistPath();
        Optional<String> playback = s.origin().map(o -> o.baseUrl() + path);
        Optional<String> publish = encoded ? s.origin().map(o -> o.baseUrl() + path + "?key="
                + URLEncoder.encode(o.keyFor(stream.name()), StandardCharsets.UTF_8)) : Optional.empty();
        return new StreamRow(stream.name(), stream.kind(), stream.ingest(), stream.ingestBitrate(), stream.segments(),
                stream.lastSegmentAge(), s.swarmPeers(stream.name()), figures == null ? 0 : figures.offloadRatio(),
                stream.requests(), stream.bytesOut(), stream.notModifiedRatio(), playback, publish);
    }

    public ObservableList<LiveRow<StreamRow>> rows() {
        return rows.rows();
    }

    /** Chooses the stream the copy buttons act on; null clears it. */
    public void select(String name) {
        selected.set(name == null ? null : rows.find(name).orElse(null));
    }

    /** A playback token for {@code stream}, handed to {@code onFx} when the node has signed it. */
    public void playbackToken(String stream, Consumer<String> onFx) {
        node.playbackToken(stream, onFx);
    }

    /** Plays {@code url} in {@code player}, off the FX thread; a failure is reported like a failed command. */
    void open(PlayerLauncher player, String url) {
        CompletableFuture.runAsync(() -> {
            try {
                player.open(url);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).exceptionally(e -> {
            node.reportFailure(player.name() + " did not start: " + e.getCause().getMessage());
            return null;
        });
    }

    public ReadOnlyObjectProperty<StreamRow> selectedProperty() {
        return selected.getReadOnlyProperty();
    }
}
