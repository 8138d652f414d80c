package org.webp2p.ui.swarm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.shape.Circle;
import org.webp2p.nat.NatType;
import org.webp2p.protocol.admin.PeerRecord;
import org.webp2p.ui.DetailPanel;
import org.webp2p.ui.Format;

/**
 * The swarm of one stream as a live graph: peers coloured by NAT type and sized by the upload they
 * offer, with a legend below and the clicked peer's details beside it.
 */
public final class SwarmView extends BorderPane {
    private DetailPanel<PeerRecord> details;
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
        for (NatType t : NatType.values()) {
            Label entry = new Label(t.name(), new Circle(6, NatPalette.of(t)));
            entry.getStyleClass().add("muted-text");
            legend.getChildren().add(entry);
        }
        legend.getChildren().add(new Label("· size: upload offered · edge width: bytes between peers"));
        BorderPane.setMargin(legend, new Insets(8, 0, 0, 0));
        setBottom(legend);

        Map<String, Function<PeerRecord, String>> fields = new LinkedHashMap<>();
        fields.put("Peer ID", PeerRecord::peerId);
        fields.put("NAT type", p -> p.natType().name());
        fields.put("Addresses", p -> p.addresses().isEmpty() ? "none announced" : String.join("\n", p.addresses()));
        fields.put("Announced from", p -> p.source().getHostAddress());
        fields.put("Position", p -> Long.toString(p.position()));
        fields.put("Holds", p -> p.have() == null ? "none" : p.have().size() + " segments");
        fields.put("Upload offered", p -> Format.bitsPerSecond(p.uploadKbps() * 1000.0));
        details = new DetailPanel<>("swarm", "No peer selected", PeerRecord::peerId, fields, 260);
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
        int n = model.peersProperty().get().size();
        count.setText(n == 1 ? "1 peer" : n + " peers");
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
