package org.webp2p.ui.firstrun;

import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.webp2p.ui.SystemClipboard;

/**
 * The Dashboard's first run: while nothing plays, three ways to make something play; while
 * simulated viewers play, a line saying so with a Stop button. Takes no room otherwise.
 */
public final class FirstRunPanel extends VBox {
    private final FirstRunViewModel model;
    private final VBox offer = new VBox(10);
    private final HBox simulating = new HBox(10);
    private final Button simulate = new Button("Simulate " + FirstRunViewModel.VIEWERS + " viewers");
    private final Button player = new Button("Open the demo player");
    private final Button publish = new Button("Publish from an encoder");
    private final Button stop = new Button("Stop");
    private final Label playerMessage = new Label();
    private final TextField playerAddress = new TextField();
    private final Button copyAddress = new Button("Copy address");

    public FirstRunPanel(FirstRunViewModel model) {
        this.model = model;
        createView();
        initListeners();
    }

    private void createView() {
        setId("first-run");
        Label title = new Label("Nothing is playing yet");
        title.getStyleClass().add("section-title");
        Label intro = new Label("No viewer is watching a stream on this node, so the figures below stay at zero. "
                + "Start something and watch them move:");
        intro.getStyleClass().add("muted-text");
        intro.setWrapText(true);

        simulate.setId("first-run-simulate");
        player.setId("first-run-player");
        publish.setId("first-run-publish");
        HBox actions = new HBox(12,
                action(simulate, "Real SDK players behind emulated NATs play the demo from this node and share its "
                        + "segments. They show up here and on the Peers, Swarm and NAT pages."),
                action(player, "Plays the built-in demo on the node's player page in your browser. Every tab is "
                        + "a viewer; tabs share segments over WebRTC."),
                action(publish, "The ffmpeg command and the OBS settings that publish your own stream to this "
                        + "node."));

        playerMessage.setId("first-run-player-message");
        playerMessage.setWrapText(true);
        playerAddress.setId("first-run-player-address");
        playerAddress.setEditable(false);
        HBox.setHgrow(playerAddress, Priority.ALWAYS);
        copyAddress.setId("first-run-copy-address");
        HBox address = new HBox(8, playerAddress, copyAddress);
        address.setAlignment(Pos.CENTER_LEFT);
        VBox opened = new VBox(6, playerMessage, address);
        opened.visibleProperty().bind(model.playerMessageProperty().isNotEmpty());
        opened.managedProperty().bind(opened.visibleProperty());

        offer.setId("first-run-offer");
        offer.getStyleClass().add("first-run");
        offer.getChildren().addAll(title, intro, actions, opened);

        Label running = new Label("Simulated viewers are playing against this node; the Simulator page has "
                + "their progress and, once they stop, their report.");
        running.setWrapText(true);
        stop.setId("first-run-stop");
        simulating.setId("first-run-simulating");
        simulating.getStyleClass().add("first-run");
        simulating.setAlignment(Pos.CENTER_LEFT);
        simulating.getChildren().addAll(running, stop);
        getChildren().addAll(offer, simulating);
    }

    private static VBox action(Button button, String what) {
        button.setMaxWidth(Double.MAX_VALUE);
        button.getStyleClass().add("first-run-action");
        Label text = new Label(what);
        text.setWrapText(true);
        // Without it a row of boxes lays a wrapping label out one line high, cut off with an ellipsis.
        text.setMinHeight(Region.USE_PREF_SIZE);
        text.getStyleClass().add("muted-text");
        VBox box = new VBox(8, button, text);
        box.getStyleClass().add("tile");
        box.setPrefWidth(300);
        HBox.setHgrow(box, Priority.ALWAYS);
        return box;
    }

    private void initListeners() {
        offer.visibleProperty().bind(model.offerProperty());
        offer.managedProperty().bind(offer.visibleProperty());
        simulating.visibleProperty().bind(Bindings.createBooleanBinding(model.simulatingProperty()::get,
                model.simulatingProperty()));
        simulating.managedProperty().bind(simulating.visibleProperty());
        visibleProperty().bind(offer.visibleProperty().or(simulating.visibleProperty()));
        managedProperty().bind(visibleProperty());

        if (model.canSimulate()) {
            simulate.setOnAction(e -> model.simulateViewers());
        } else {
            simulate.setDisable(true);
            // A disabled button shows no tooltip of its own; its box does.
            Tooltip.install(simulate.getParent(), new Tooltip("The simulator plays against the node in this "
                    + "process; this console watches another one (" + model.nodeDescription() + ")."));
        }
        stop.setOnAction(e -> model.stopSimulation());
        player.disableProperty().bind(model.demoPageProperty().isEmpty());
        player.setOnAction(e -> model.openDemoPlayer());
        playerMessage.textProperty().bind(model.playerMessageProperty());
        playerAddress.textProperty().bind(model.playerAddressProperty());
        copyAddress.setOnAction(e -> SystemClipboard.put(playerAddress.getText()));
        publish.disableProperty().bind(Bindings.createBooleanBinding(() -> model.originProperty().get().isEmpty(),
                model.originProperty()));
        publish.setOnAction(e -> model.originProperty().get()
                .ifPresent(origin -> new PublishDialog(origin, getScene().getWindow()).show()));
    }
}
