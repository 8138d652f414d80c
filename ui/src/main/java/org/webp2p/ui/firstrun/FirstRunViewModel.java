package org.webp2p.ui.firstrun;

import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableBooleanValue;
import org.webp2p.protocol.admin.NodeState.OriginAccess;
import org.webp2p.protocol.admin.StreamStats;
import org.webp2p.ui.FxThread;
import org.webp2p.ui.NodeModel;
import org.webp2p.ui.NodeSnapshot;
import org.webp2p.ui.simulator.SimulatorViewModel;
import org.webp2p.ui.streams.PlayerPageOpener;

/**
 * What the Dashboard offers while nothing is playing: simulated viewers, the demo in the browser's
 * player page, and what an encoder needs to publish; and, while simulated viewers play, a way to stop them.
 */
public final class FirstRunViewModel {
    /** Enough viewers that peers share segments and the NAT matrix fills, few enough for a laptop. */
    public static final int VIEWERS = 20;
    static final String DEMO = "demo";
    /** Long enough to look around every page; Stop ends it sooner. */
    private static final String SIMULATION_LENGTH = "10m";

    private final NodeModel node;
    private final Optional<SimulatorViewModel> simulator;
    private final PlayerPageOpener playerPage;
    private final ReadOnlyBooleanWrapper idle = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<Optional<OriginAccess>> origin = new ReadOnlyObjectWrapper<>(Optional.empty());
    private final ReadOnlyStringWrapper demoPage = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper playerMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper playerAddress = new ReadOnlyStringWrapper("");
    private final ObservableBooleanValue simulating;
    private final BooleanBinding offer;
    private boolean demoOpen;

    /** @param simulator the Simulator page's model; empty while watching a node in another process */
    public FirstRunViewModel(NodeModel node, Optional<SimulatorViewModel> simulator, PlayerPageOpener playerPage) {
        this.node = node;
        this.simulator = simulator;
        this.playerPage = playerPage;
        this.simulating = simulator.<ObservableBooleanValue>map(SimulatorViewModel::runningProperty)
                .orElse(new ReadOnlyBooleanWrapper(false));
        this.offer = Bindings.createBooleanBinding(() -> idle.get() && !simulating.get(), idle, simulating);
        node.snapshotProperty().addListener((obs, old, s) -> apply(s));
        if (node.snapshotProperty().get() != null) {
            apply(node.snapshotProperty().get());
        }
    }

    private void apply(NodeSnapshot s) {
        FxThread.require("the first run's update");
        idle.set(s.peersOnline() == 0);
        origin.set(s.origin());
        Optional<String> page = s.streams().stream()
                .filter(st -> st.kind() == StreamStats.Kind.DEMO && st.name().equals(DEMO)).findFirst()
                .flatMap(StreamStats::playerPath).flatMap(p -> s.origin().map(o -> o.baseUrl() + p));
        demoPage.set(page.orElse(""));
        demoOpen = s.origin().map(o -> o.isOpen(DEMO)).orElse(false);
    }

    /** Simulated viewers of the demo start playing against this node. */
    public void simulateViewers() {
        simulator.ifPresent(sim -> sim.start(DEMO, VIEWERS, SIMULATION_LENGTH));
    }

    /** The simulated viewers leave. */
    public void stopSimulation() {
        simulator.ifPresent(SimulatorViewModel::stop);
    }

    /**
     * Opens the demo's player page in the desktop's browser, and says where it is: a desktop without
     * a browser opens nothing, and JavaFX does not tell, so the address is always shown to copy.
     */
    public void openDemoPlayer() {
        String page = demoPage.get();
        if (page.isEmpty()) {
            return;
        }
        playerAddress.set(page);
        playerMessage.set("Opening the demo in your browser…");
        playerPage.open(DEMO, page, demoOpen).whenComplete((url, failure) -> FxThread.run(() -> {
            if (failure == null) {
                playerAddress.set(url);
                playerMessage.set("Opened in your browser. If no browser appeared, open this address in one:");
            } else {
                playerMessage.set("No browser could be opened here (" + failure.getCause().getMessage()
                        + "). Open this address in a browser:");
            }
        }));
    }

    /** Whether nothing plays and no simulation is starting: the Dashboard shows the three actions. */
    public BooleanBinding offerProperty() {
        return offer;
    }

    /** Whether simulated viewers are playing (started here or on the Simulator page). */
    public ObservableBooleanValue simulatingProperty() {
        return simulating;
    }

    /** Whether this console can start viewers: only against the node in its own process. */
    public boolean canSimulate() {
        return simulator.isPresent();
    }

    /** Where the node is, for the reason simulation is unavailable. */
    public String nodeDescription() {
        return node.describe();
    }

    /** The demo's player page; empty while the origin is stopped. */
    public ReadOnlyStringProperty demoPageProperty() {
        return demoPage.getReadOnlyProperty();
    }

    /** What became of the last Open the demo player; empty before. */
    public ReadOnlyStringProperty playerMessageProperty() {
        return playerMessage.getReadOnlyProperty();
    }

    /** The address the last Open the demo player handed the browser. */
    public ReadOnlyStringProperty playerAddressProperty() {
        return playerAddress.getReadOnlyProperty();
    }

    /** How encoders reach the node's origin; empty while it is stopped. */
    public ReadOnlyObjectProperty<Optional<OriginAccess>> originProperty() {
        return origin.getReadOnlyProperty();
    }
}
