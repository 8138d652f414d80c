package org.webp2p.ui.streams;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.webp2p.protocol.admin.StreamStats;
import org.webp2p.ui.ClientSplitView;
import org.webp2p.ui.Format;
import org.webp2p.ui.LiveRow;
import org.webp2p.ui.Pages;
import org.webp2p.ui.SystemClipboard;
import org.webp2p.ui.Tables;
import org.webp2p.ui.history.HistoryView;

/**
 * Live (fed over HTTP or RTMP), ended, demo and VOD streams with their figures (viewers and offload per
 * kind of viewer; a stream's renditions listed under it, each with its own and the stream with all),
 * the URLs players and encoders need, the player page and the snippet that embeds it elsewhere.
 */
public final class StreamsView extends VBox {
    private final StreamsViewModel model;
    private final TableView<LiveRow<StreamRow>> table = new TableView<>();
    private final Button copyPlayback = new Button("Copy playback URL");
    private final Button copyPublish = new Button("Copy publish URL");
    private final Button copyRtmpServer = new Button("Copy server URL");
    private final Button copyRtmpKey = new Button("Copy stream key");
    private final Button copyToken = new Button("Copy token");
    private final Optional<PlayerLauncher> player = PlayerLauncher.onThisMachine();
    private final Button openMediaPlayer = new Button(player.map(p -> "Open in " + p.name())
            .orElse("Open in media player"));
    private final Button openPlayerPage = new Button("Open player");
    private final Button copyEmbed = new Button("Copy embed snippet");
    private final Label hint = new Label();
    private final Label latency = new Label();

    public StreamsView(StreamsViewModel model) {
        this.model = model;
        createView();
        initListeners();
    }

    private void createView() {
        Label title = Pages.begin(this, "Streams");

        table.setId("streams-table");
        table.setPlaceholder(new Label("The origin serves no streams (is it running?)"));
        table.getColumns().add(Tables.liveColumn("Stream", 95, StreamRow::label));
        table.getColumns().add(Tables.liveColumn("Kind", 55, StreamRow::kindLabel));
        table.getColumns().add(Tables.liveColumn("Bitrate", 85, StreamRow::bitrate, b -> Format.bitsPerSecond(b)));
        table.getColumns().add(Tables.liveColumn("Segments", 75, StreamRow::segments, String::valueOf));
        table.getColumns().add(Tables.liveColumn("Last segment", 110,
                r -> r.lastSegmentAge().orElse(Duration.ofSeconds(-1)), StreamsView::age));
        table.getColumns().add(group("Viewers",
                Tables.liveColumn("Browser", 65, StreamRow::browserViewers, String::valueOf),
                Tables.liveColumn("SDK", 55, StreamRow::sdkViewers, String::valueOf)));
        table.getColumns().add(group("Offload",
                Tables.liveColumn("All", 65, StreamRow::offload, Format::percent),
                Tables.liveColumn("Browser", 65, r -> r.browser().offloadRatio(), Format::percent),
                Tables.liveColumn("SDK", 65, r -> r.sdk().offloadRatio(), Format::percent)));
        table.getColumns().add(group("Latency to live",
                Tables.liveColumn("p50", 65, StreamRow::latencyP50Ms, Format::seconds),
                Tables.liveColumn("p95", 65, StreamRow::latencyP95Ms, Format::seconds)));
        table.getColumns().add(Tables.liveColumn("Requests", 75, StreamRow::requests, String::valueOf));
        table.getColumns().add(Tables.liveColumn("Bytes out", 85, StreamRow::bytesOut, b -> Format.bytes(b)));
        table.getColumns().add(Tables.liveColumn("304s", 60, StreamRow::notModifiedRatio, Format::percent));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // Renditions under their stream, whenever each first appeared.
        table.setItems(new SortedList<>(model.rows(), Comparator.comparing(LiveRow::key, StreamGroups.ORDER)));
        VBox.setVgrow(table, Priority.ALWAYS);

        copyPlayback.setId("copy-playback");
        copyPublish.setId("copy-publish");
        copyRtmpServer.setId("copy-rtmp-server");
        copyRtmpKey.setId("copy-rtmp-key");
        copyToken.setId("copy-token");
        openMediaPlayer.setId("open-media-player");
        openPlayerPage.setId("open-player");
        copyEmbed.setId("copy-embed");
        for (Button b : List.of(copyPlayback, copyPublish, copyRtmpServer, copyRtmpKey, copyToken, openMediaPlayer,
                openPlayerPage, copyEmbed)) {
            b.setDisable(true);
        }
        copyRtmpServer.setTooltip(new Tooltip("For OBS: Settings > Stream > Service Custom..., Server"));
        copyRtmpKey.setTooltip(new Tooltip("For OBS: Settings > Stream, Stream Key (it holds the publish key)"));
        copyToken.setTooltip(new Tooltip("A day's token for the API, which players of the SDK present"));
        openMediaPlayer.setTooltip(new Tooltip(player.map(p -> "Plays the stream in " + p.name())
                .orElse("No player found on the PATH (mpv, VLC or ffplay)")));
        openPlayerPage.setTooltip(new Tooltip("Opens the node's player page for the stream in your browser "
                + "(with a day's token when the stream needs one)"));
        copyEmbed.setTooltip(new Tooltip("The HTML that plays the stream in another site, with this node's "
                + "addresses"));
        hint.setId("streams-hint");
        hint.getStyleClass().add("muted-text");
        hint.setWrapText(true);
        hint.setText("Select a stream to copy its URLs.");
        HBox actions = new HBox(8, copyPlayback, copyPublish, copyToken, openMediaPlayer, openPlayerPage, copyEmbed);
        actions.setAlignment(Pos.CENTER_LEFT);
        Label obs = new Label("For OBS (RTMP):");
        obs.getStyleClass().add("muted-text");
        HBox obsActions = new HBox(8, obs, copyRtmpServer, copyRtmpKey);
        obsActions.setAlignment(Pos.CENTER_LEFT);
        Label splitTitle = new Label("Chosen stream's viewers by kind, pingback's live window");
        splitTitle.getStyleClass().add("section-title");
        ClientSplitView split = new ClientSplitView("streams-split", model.selectedProperty()
                .map(r -> List.of(r.browser(), r.sdk())));
        latency.setId("streams-latency");
        latency.setText(latencyText(null));
        HistoryView history = new HistoryView(model.history());
        history.replaces(splitTitle, split, latency);
        getChildren().addAll(title, history, table, splitTitle, split, latency, actions, obsActions, hint);
    }

    /** A header over columns that belong together, such as the offload of each kind of viewer. */
    @SafeVarargs
    private static TableColumn<LiveRow<StreamRow>, ?> group(String title,
                                                            TableColumn<LiveRow<StreamRow>, ?>... columns) {
        TableColumn<LiveRow<StreamRow>, ?> header = new TableColumn<>(title);
        header.getColumns().addAll(columns);
        return header;
    }

    private void initListeners() {
        table.getSelectionModel().selectedItemProperty().addListener((obs, was, now) ->
                model.select(now == null ? null : now.key()));
        model.selectedProperty().addListener((obs, was, now) -> showSelection(now));
        copyPlayback.setOnAction(e -> copy(StreamRow::playbackUrl));
        copyPublish.setOnAction(e -> copy(StreamRow::publishUrl));
        copyRtmpServer.setOnAction(e -> copy(StreamRow::rtmpServer));
        copyRtmpKey.setOnAction(e -> copy(StreamRow::rtmpStreamKey));
        copyToken.setOnAction(e -> {
            StreamRow row = model.selectedProperty().get();
            if (row != null) {
                model.playbackToken(row.name(), SystemClipboard::put);
            }
        });
        openMediaPlayer.setOnAction(e -> {
            StreamRow row = model.selectedProperty().get();
            if (row != null && player.isPresent()) {
                row.playbackUrl().ifPresent(url -> model.open(player.get(), url));
            }
        });
        openPlayerPage.setOnAction(e -> model.openPlayerPage());
        copyEmbed.setOnAction(e -> copy(StreamRow::embedSnippet));
    }

    private void showSelection(StreamRow row) {
        copyPlayback.setDisable(row == null || row.playbackUrl().isEmpty());
        copyPublish.setDisable(row == null || row.publishUrl().isEmpty());
        copyRtmpServer.setDisable(row == null || row.rtmpServer().isEmpty());
        copyRtmpKey.setDisable(row == null || row.rtmpStreamKey().isEmpty());
        copyToken.setDisable(row == null);
        openMediaPlayer.setDisable(row == null || row.playbackUrl().isEmpty() || player.isEmpty());
        openPlayerPage.setDisable(row == null || row.playerUrl().isEmpty());
        copyEmbed.setDisable(row == null || row.embedSnippet().isEmpty());
        latency.setText(latencyText(row));
        if (row == null) {
            hint.setText("Select a stream to copy its URLs.");
        } else if (row.publishUrl().isPresent()) {
            hint.setText("Publish with: " + EncoderSettings.ffmpegCommand(row.publishUrl().get()));
        } else if (row.kind() == StreamStats.Kind.VOD) {
            hint.setText(row.playbackUrl().map(u -> "Play " + u + " (the directory's entry playlist; other "
                    + "playlists in it are served beside it)").orElse("The origin is stopped."));
        } else {
            hint.setText(row.playbackUrl().map(u -> "Play " + u).orElse("The origin is stopped."));
        }
    }

    private void copy(Function<StreamRow, Optional<String>> url) {
        StreamRow row = model.selectedProperty().get();
        if (row != null) {
            url.apply(row).ifPresent(SystemClipboard::put);
        }
    }

    /** Where the viewers' latency comes from: the encoder's dates against their playheads. */
    private static String latencyText(StreamRow row) {
        if (row == null) {
            return "Latency to live: choose a stream";
        }
        if (row.latencyP50Ms() < 0) {
            return "Latency to live: no viewer told one in the live window (it needs dated segments)";
        }
        return "Latency to live (encoder's date to viewers' playhead): p50 " + Format.seconds(row.latencyP50Ms())
                + " · p95 " + Format.seconds(row.latencyP95Ms());
    }

    private static String age(Duration d) {
        return d.isNegative() ? "-" : Format.duration(d) + " ago";
    }
}
