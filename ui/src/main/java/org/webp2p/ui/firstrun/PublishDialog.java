package org.webp2p.ui.firstrun;

import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.stage.Window;
import org.webp2p.protocol.admin.NodeState.OriginAccess;
import org.webp2p.protocol.admin.StreamStats;
import org.webp2p.ui.SystemClipboard;
import org.webp2p.ui.streams.EncoderSettings;

/**
 * What an encoder needs to publish a stream of the operator's naming to this node: the ffmpeg
 * command (HLS over HTTP PUT) and OBS's server and stream key (RTMP), each with a Copy button; the
 * same settings the Streams page copies for a stream that exists.
 */
final class PublishDialog extends Dialog<Void> {
    static final String FIRST_STREAM = "news";

    private final OriginAccess origin;
    private final TextField stream = new TextField(FIRST_STREAM);
    private final Label problem = new Label();
    private final TextArea ffmpeg = new TextArea();
    private final TextField rtmpServer = new TextField();
    private final TextField rtmpKey = new TextField();
    private final Label rtmpMissing = new Label("The RTMP service is stopped: start it on the Services page to "
            + "publish from OBS.");
    private final Label playback = new Label();
    private final GridPane grid = new GridPane();

    PublishDialog(OriginAccess origin, Window owner) {
        this.origin = origin;
        initOwner(owner);
        setTitle("Publish from an encoder");
        setHeaderText("Publish a stream to this node");
        getDialogPane().setId("publish-dialog");
        getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        createView();
        stream.textProperty().addListener((obs, was, now) -> update());
        update();
    }

    private void createView() {
        grid.setHgap(10);
        grid.setVgap(8);
        grid.setPadding(new Insets(8, 0, 0, 0));
        stream.setId("publish-stream");
        problem.setId("publish-problem");
        problem.getStyleClass().add("error-text");
        grid.addRow(0, new Label("Stream name"), stream);
        grid.add(problem, 1, 1);

        ffmpeg.setId("publish-ffmpeg");
        ffmpeg.setEditable(false);
        ffmpeg.setWrapText(true);
        ffmpeg.setPrefRowCount(3);
        ffmpeg.setPrefColumnCount(60);
        section(2, "ffmpeg: HLS over HTTP (replace INPUT with a file or a capture device)");
        grid.addRow(3, new Label("Command"), ffmpeg, copy("publish-copy-ffmpeg", "Copy command", ffmpeg));

        section(4, "OBS: Settings › Stream, Service Custom…");
        rtmpServer.setId("publish-rtmp-server");
        rtmpKey.setId("publish-rtmp-key");
        rtmpServer.setEditable(false);
        rtmpKey.setEditable(false);
        grid.addRow(5, new Label("Server"), rtmpServer, copy("publish-copy-rtmp-server", "Copy server URL", rtmpServer));
        grid.addRow(6, new Label("Stream Key"), rtmpKey, copy("publish-copy-rtmp-key", "Copy stream key", rtmpKey));
        rtmpMissing.setId("publish-rtmp-missing");
        rtmpMissing.getStyleClass().add("muted-text");
        rtmpMissing.setWrapText(true);
        grid.add(rtmpMissing, 1, 7);
        playback.setId("publish-playback");
        playback.getStyleClass().add("muted-text");
        playback.setWrapText(true);
        grid.add(playback, 0, 8, 3, 1);
        GridPane.setHgrow(ffmpeg, Priority.ALWAYS);
        getDialogPane().setContent(grid);
    }

    private void section(int row, String title) {
        Label label = new Label(title);
        label.getStyleClass().add("section-title");
        grid.add(label, 0, row, 3, 1);
    }

    private static Button copy(String id, String caption, TextInputControl from) {
        Button b = new Button(caption);
        b.setId(id);
        b.disableProperty().bind(from.textProperty().isEmpty());
        b.setOnAction(e -> SystemClipboard.put(from.getText()));
        return b;
    }

    private void update() {
        String name = stream.getText().trim();
        boolean valid = StreamStats.PLAYER_NAME.matcher(name).matches();
        problem.setText(valid ? "" : "A stream name is 1 to 64 letters, digits, '-' or '_'");
        Optional<EncoderSettings> settings = Optional.of(name).filter(n -> valid).map(n -> EncoderSettings.of(origin, n));
        ffmpeg.setText(settings.map(EncoderSettings::ffmpegCommand).orElse(""));
        rtmpServer.setText(settings.flatMap(EncoderSettings::rtmpServer).orElse(""));
        rtmpKey.setText(settings.flatMap(EncoderSettings::rtmpStreamKey).orElse(""));
        rtmpMissing.setVisible(origin.rtmpUrl() == null);
        playback.setText(valid ? "Once the encoder runs, the stream is on the Streams page and plays at "
                + origin.baseUrl() + StreamStats.PLAYER_PREFIX + name
                + (origin.isOpen(name) ? "." : "?token=TOKEN (Copy token on the Streams page).") : "");
    }
}
