package org.webp2p.ui.streams;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.webp2p.protocol.admin.StreamStats;
import org.webp2p.ui.Format;
import org.webp2p.ui.LiveRow;
import org.webp2p.ui.Pages;
import org.webp2p.ui.Tables;

/** Live (fed over HTTP or RTMP), ended, demo and VOD streams with their figures, and the URLs players and encoders need. */
public final class StreamsView extends VBox {
    private final StreamsViewModel model;
    private final TableView<LiveRow<StreamRow>> table = new TableView<>();
    private final Button copyPlayback = new Button("Copy playback URL");
    private final Button copyPublish = new Button("Copy publish URL");
    private final Button copyToken = new Button("Copy token");
    private final Optional<PlayerLauncher> player = PlayerLauncher.onThisMachine();
    private final Button openPlayer = new Button(player.map(p -> "Open in " + p.name()).orElse("Open in player"));
    private final Label hint = new Label();

    public StreamsView(StreamsViewModel model) {
        this.model = model;
        createView();
        initListeners();
    }

    private void createView() {
        Label title = Pages.begin(this, "Streams");

        table.setId("streams-table");
        table.setPlaceholder(new Label("The origin serves no streams (is it running?)"));
        table.getColumns().add(Tables.liveColumn("Stream", 140, StreamRow::name));
        table.getColumns().add(Tables.liveColumn("Kind", 70, StreamRow::kindLabel));
        table.getColumns().add(Tables.liveColumn("Bitrate", 100, StreamRow::bitrate, b -> Format.bitsPerSecond(b)));
        table.getColumns().add(Tables.liveColumn("Segments", 80, StreamRow::segments, String::valueOf));
        table.getColumns().add(Tables.liveColumn("Last segment", 100,
                r -> r.lastSegmentAge().orElse(Duration.ofSeconds(-1)), StreamsView::age));
        table.getColumns().add(Tables.liveColumn("Viewers", 70, StreamRow::viewers, String::valueOf));
        table.getColumns().add(Tables.liveColumn("Offload", 80, StreamRow::offload, Format::percent));
        table.getColumns().add(Tables.liveColumn("Requests", 80, StreamRow::requests, String::valueOf));
        table.getColumns().add(Tables.liveColumn("Bytes out", 90, StreamRow::bytesOut, b -> Format.bytes(b)));
        table.getColumns().add(Tables.liveColumn("304s", 70, StreamRow::notModifiedRatio, Format::percent));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setItems(model.rows());
        VBox.setVgrow(table, Priority.ALWAYS);

        copyPlayback.setId("copy-playback");
        copyPublish.setId("copy-publish");
        copyToken.setId("copy-token");
        openPlayer.setId("open-player");
        copyPlayback.setDisable(true);
        copyPublish.setDisable(true);
        copyToken.setDisable(true);
        openPlayer.setDisable(true);
        copyToken.setTooltip(new Tooltip("A day's token for the API, which players of the SDK present"));
        openPlayer.setTooltip(new Tooltip(player.map(p -> "Plays the stream in " + p.name())
                .orElse("No player found on the PATH (mpv, VLC or ffplay)")));
        hint.setId("streams-hint");
        hint.getStyleClass().add("muted-text");
        hint.setWrapText(true);
        hint.setText("Select a stream to copy its URLs.");
        HBox actions = new HBox(8, copyPlayback, copyPublish, copyToken, openPlayer);
        actions.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(title, table, actions, hint);
    }

    private void initListeners() {
        table.getSelectionModel().selectedItemProperty().addListener((obs, was, now) ->
                model.select(now == null ? null : now.key()));
        model.selectedProperty().addListener((obs, was, now) -> showSelection(now));
        copyPlayback.setOnAction(e -> copy(StreamRow::playbackUrl));
        copyPublish.setOnAction(e -> copy(StreamRow::publishUrl));
        copyToken.setOnAction(e -> {
            StreamRow row = model.selectedProperty().get();
            if (row != null) {
                model.playbackToken(row.name(), StreamsView::toClipboard);
            }
        });
        openPlayer.setOnAction(e -> {
            StreamRow row = model.selectedProperty().get();
            if (row != null && player.isPresent()) {
                row.playbackUrl().ifPresent(url -> model.open(player.get(), url));
            }
        });
    }

    private void showSelection(StreamRow row) {
        copyPlayback.setDisable(row == null || row.playbackUrl().isEmpty());
        copyPublish.setDisable(row == null || row.publishUrl().isEmpty());
        copyToken.setDisable(row == null);
        openPlayer.setDisable(row == null || row.playbackUrl().isEmpty() || player.isEmpty());
        if (row == null) {
            hint.setText("Select a stream to copy its URLs.");
        } else if (row.publishUrl().isPresent()) {
            hint.setText("Publish with: ffmpeg -re -i INPUT -c:v libx264 -c:a aac -f hls -hls_time 2 -method PUT \""
                    + row.publishUrl().get() + "\"");
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
            url.apply(row).ifPresent(StreamsView::toClipboard);
        }
    }

    private static void toClipboard(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    private static String age(Duration d) {
        return d.isNegative() ? "-" : Format.duration(d) + " ago";
    }
}
