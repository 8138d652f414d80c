package org.webp2p.ui.swarm;

import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Rectangle;
import org.webp2p.nat.NatType;
import org.webp2p.protocol.ClientKind;
import org.webp2p.ui.DetailPanel;
import org.webp2p.ui.LivePeer;
import org.webp2p.ui.PeerFields;

/**
 * The swarm of one stream as a live graph: SDK peers as circles and browser peers as squares,
 * coloured by NAT type and sized by the upload they offer, with a legend below and the clicked
 * peer's details beside it.
 */
public final class SwarmView extends BorderPane {
    private DetailPanel<LivePeer> details;
    private final SwarmViewModel model;
    private final ComboBox<String> chooser = new ComboBox<>();
    private final Label count = new Label();
    private final SwarmGraphView graph = new SwarmGraphView();

    public SwarmView(SwarmViewModel model) {
        this.model = model;
        createView();
        initListeners();
        showPeers();
    }

    private void createView() {
        getStyleClass().add("page");
        setId("swarm-page");
        setPadding(new Insets(16));
        Label title = new Label("Swarm");
        title.getStyleClass().add("page-title");
        chooser.setId("swarm-stream");
        chooser.setItems(model.streams());
        chooser.setPromptText("No streams");
        count.setId("swarm-count");
        count.getStyleClass().add("muted-text");
        HBox top = new HBox(12, title, chooser, count);
        top.setAlignment(Pos.CENTER_LEFT);
        BorderPane.setMargin(top, new Insets(0, 0, 12, 0));
        setTop(top);

        graph.setId("swarm-graph");
        graph.setMinSize(200, 200);
        setCenter(graph);

        FlowPane legend = new FlowPane(14, 4);
        legend.setId("swarm-legend");
        Label sdk = new Label("SDK peer", new Circle(6, NatPalette.of(NatType.UNKNOWN)));
        sdk.setId("swarm-legend-sdk");
        Label browser = new Label("browser peer", new Rectangle(12, 12, NatPalette.of(NatType.UNKNOWN)));
        browser.setId("swarm-legend-browser");
        legend.getChildren().addAll(sdk, browser, new Label("·"));
        for (NatType t : NatType.values()) {
            Label entry = new Label(t.name(), new Circle(6, NatPalette.of(t)));
            entry.getStyleClass().add("muted-text");
            legend.getChildren().add(entry);
        }
        legend.getChildren().add(new Label("· size: upload offered (browsers: none reported) · edge width: bytes "
                + "between peers"));
        BorderPane.setMargin(legend, new Insets(8, 0, 0, 0));
        setBottom(legend);

        details = new DetailPanel<>("swarm", "No peer selected", LivePeer::peerId, PeerFields.details(), 260);
        setRight(details);
    }

    private void initListeners() {
        chooser.valueProperty().bindBidirectional(model.streamProperty());
        model.peersProperty().addListener((obs, was, now) -> showPeers());
        model.linksProperty().addListener((obs, was, now) -> showPeers());
        graph.selectedPeerProperty().addListener((obs, was, now) -> model.select(now));
        model.selectedProperty().addListener((obs, was, now) -> details.show(now));
    }

    private void showPeers() {
        graph.show(model.graphPeers(), model.graphLinks());
        List<LivePeer> peers = model.peersProperty().get();
        int n = peers.size();
        long browsers = peers.stream().filter(p -> p.kind() == ClientKind.BROWSER).count();
        String kinds = browsers == 0 || browsers == n ? "" : ": " + (n - browsers) + " sdk, " + browsers + " browser";
        count.setText((n == 1 ? "1 peer" : n + " peers") + kinds);
    }


    /** The stream whose swarm the graph shows. */
    String graphStream() {
        return chooser.getValue();
    }

    SwarmGraphView graph() {
        return graph;
    }

    SwarmViewModel model() {
        return model;
    }
}
