package org.webp2p.ui.streams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableList;
import org.webp2p.protocol.ClientKind;
import org.webp2p.protocol.admin.ClientFigures;
import org.webp2p.protocol.admin.NodeState.OriginAccess;
import org.webp2p.protocol.admin.StreamStats;
import org.webp2p.protocol.admin.SwarmFigures;
import org.webp2p.ui.FxThread;
import org.webp2p.ui.LivePeer;
import org.webp2p.ui.LiveRow;
import org.webp2p.ui.LiveRows;
import org.webp2p.ui.NodeModel;
import org.webp2p.ui.NodeSnapshot;
import org.webp2p.ui.SystemBrowser;
import org.webp2p.ui.history.HistoryViewModel;

/**
 * The Streams page: every stream the origin serves, with its viewers of each kind and their P2P
 * offload, and what it takes to play it: URLs, a token, the player page and its embed snippet.
 */
public final class StreamsViewModel {
    private final LiveRows<StreamRow> rows = new LiveRows<>(StreamRow::name);
    private final ReadOnlyObjectWrapper<StreamRow> selected = new ReadOnlyObjectWrapper<>();
    private final NodeModel node;
    private final PlayerPageOpener playerPage;
    private final HistoryViewModel history;

    public StreamsViewModel(NodeModel node, SystemBrowser browser) {
        this.node = node;
        this.playerPage = new PlayerPageOpener(node, browser);
        this.history = new HistoryViewModel(node, selected.map(StreamRow::name).orElse(SwarmFigures.ALL_SWARMS));
        node.snapshotProperty().addListener((obs, old, s) -> apply(s));
        if (node.snapshotProperty().get() != null) {
            apply(node.snapshotProperty().get());
        }
    }

    private void apply(NodeSnapshot s) {
        FxThread.require("the streams view model's update");
        // Per stream, live peers of each kind, by the kind's ordinal.
        Map<String, int[]> viewers = new HashMap<>();
        for (LivePeer p : s.livePeers()) {
            if (p.stream() != null) {
                viewers.computeIfAbsent(p.stream(), k -> new int[ClientKind.values().length])[p.kind().ordinal()]++;
            }
        }
        rows.apply(StreamGroups.group(withSwarmRenditions(s.streams(), s, viewers).stream()
                .map(stream -> row(stream, s, viewers)).toList()));
        StreamRow current = selected.get();
        if (current != null) {
            selected.set(rows.find(current.name()).orElse(null));
        }
    }

    /**
     * The origin's streams and the renditions of them that are no stream of their own: the demo's,
     * which the origin serves from its own stream's clips, and those only their swarms tell of.
     */
    private static List<StreamStats> withSwarmRenditions(List<StreamStats> listed, NodeSnapshot s,
                                                         Map<String, int[]> viewers) {
        Map<String, StreamStats> byName = new LinkedHashMap<>();
        listed.forEach(stream -> byName.put(stream.name(), stream));
        Set<String> swarms = new TreeSet<>(viewers.keySet());
        swarms.addAll(s.swarmFigures().keySet());
        listed.forEach(stream -> stream.renditions().forEach(r -> swarms.add(stream.name() + "/" + r)));
        for (String swarm : swarms) {
            StreamStats parent = byName.get(StreamGroups.parentOf(swarm));
            if (swarm.indexOf('/') >= 0 && parent != null && !byName.containsKey(swarm)) {
                byName.put(swarm, new StreamStats(swarm, parent.kind(), parent.ingest(), 0, 0, Optional.empty(), 0, 0, 0));
            }
        }
        return List.copyOf(byName.values());
    }

    private static StreamRow row(StreamStats stream, NodeSnapshot s, Map<String, int[]> viewers) {
        SwarmFigures figures = s.swarmFigures().get(stream.name());
        boolean encoded = stream.kind() == StreamStats.Kind.LIVE || stream.kind() == StreamStats.Kind.ENDED;
        String path = stream.playlistPath();
        Optional<OriginAccess> origin = s.origin();
        Optional<String> playback = origin.map(o -> o.baseUrl() + path);
        Optional<EncoderSettings> encoder = origin.filter(o -> encoded).map(o -> EncoderSettings.of(o, stream.name()));
        Optional<String> player = stream.playerPath().flatMap(p -> origin.map(o -> o.baseUrl() + p));
        boolean open = origin.map(o -> o.isOpen(stream.name())).orElse(false);
        Optional<String> snippet = stream.playerPath().flatMap(p -> origin.filter(o -> o.apiUrl() != null))
                .map(o -> EmbedSnippet.html(o.baseUrl(), o.apiUrl(), stream.name(), open));
        int[] watching = viewers.getOrDefault(stream.name(), new int[ClientKind.values().length]);
        return new StreamRow(stream.name(), stream.kind(), stream.ingest(), stream.ingestBitrate(), stream.segments(),
                stream.lastSegmentAge(), watching[ClientKind.SDK.ordinal()], watching[ClientKind.BROWSER.ordinal()],
                figures == null ? 0 : figures.offloadRatio(), client(figures, ClientKind.SDK),
                client(figures, ClientKind.BROWSER), stream.requests(), stream.bytesOut(), stream.notModifiedRatio(),
                playback, encoder.map(EncoderSettings::publishUrl), player, open, snippet,
                encoder.flatMap(EncoderSettings::rtmpServer), encoder.flatMap(EncoderSettings::rtmpStreamKey),
                figures == null ? -1 : figures.latencyP50Ms(), figures == null ? -1 : figures.latencyP95Ms());
    }

    private static ClientFigures client(SwarmFigures figures, ClientKind kind) {
        return figures == null ? ClientFigures.none(kind) : figures.client(kind);
    }

    public ObservableList<LiveRow<StreamRow>> rows() {
        return rows.rows();
    }

    /** Chooses the stream the buttons act on; null clears it. */
    public void select(String name) {
        selected.set(name == null ? null : rows.find(name).orElse(null));
    }

    /** A playback token for {@code stream}, handed to {@code onFx} when the node has signed it. */
    public void playbackToken(String stream, Consumer<String> onFx) {
        node.playbackToken(stream, onFx);
    }

    /** Opens the chosen stream's player page in the desktop's browser ({@link PlayerPageOpener}). */
    public void openPlayerPage() {
        StreamRow row = selected.get();
        if (row == null || row.playerUrl().isEmpty()) {
            return;
        }
        playerPage.open(row.name(), row.playerUrl().get(), row.open()).exceptionally(e -> {
            node.reportFailure("the browser did not start: " + e.getCause().getMessage());
            return null;
        });
    }

    /** Plays {@code url} in {@code player}. */
    void open(PlayerLauncher player, String url) {
        inBackground(player.name(), () -> player.open(url));
    }

    /** Starts {@code program} off the FX thread; a failure is reported like a failed command. */
    private void inBackground(String program, Launch launch) {
        CompletableFuture.runAsync(() -> {
            try {
                launch.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).exceptionally(e -> {
            node.reportFailure(program + " did not start: " + e.getCause().getMessage());
            return null;
        });
    }

    /** Starting another program, which may fail to. */
    @FunctionalInterface
    private interface Launch {
        void run() throws IOException;
    }

    /** The range the page shows: live, or the stored history of the chosen stream (of every one when none is). */
    public HistoryViewModel history() {
        return history;
    }

    public ReadOnlyObjectProperty<StreamRow> selectedProperty() {
        return selected.getReadOnlyProperty();
    }
}
