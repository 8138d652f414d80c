package org.webp2p.ui.dashboard;

import java.util.List;
import java.util.function.ToDoubleFunction;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import org.webp2p.protocol.admin.ClientFigures;
import org.webp2p.protocol.admin.SwarmFigures;
import org.webp2p.ui.Format;
import org.webp2p.ui.FxThread;
import org.webp2p.ui.NodeModel;
import org.webp2p.ui.NodeSnapshot;
import org.webp2p.ui.TimelineSample;
import org.webp2p.ui.history.HistoryViewModel;

/** The headline figures, each with its trend, and the HTTP against P2P traffic over the last minutes. */
public final class DashboardViewModel {
    private final List<TileViewModel> tiles = List.of(
            new TileViewModel("peers", "Peers online", s -> Integer.toString(s.peersOnline()),
                    s -> recent(s, TimelineSample::peers)),
            new TileViewModel("streams", "Streams live", s -> Long.toString(s.liveStreams()),
                    s -> recent(s, TimelineSample::liveStreams)),
            new TileViewModel("offload-now", "P2P offload now", s -> Format.percent(s.global().offloadRatio()),
                    s -> recent(s, TimelineSample::offload)),
            new TileViewModel("offload-hour", "P2P offload, last hour", s -> Format.percent(s.hourOffload()),
                    s -> recent(s, TimelineSample::hourOffload)),
            new TileViewModel("egress-saved", "Origin egress saved, last hour",
                    s -> Format.bytes(s.hourEgressSaved()), s -> recent(s, TimelineSample::hourSaved)),
            new TileViewModel("nat-success", "NAT traversal success", DashboardViewModel::natSuccess,
                    s -> recent(s, TimelineSample::natSuccess)),
            new TileViewModel("startup-p95", "Startup p95", s -> Format.millis(s.global().startupP95Ms()),
                    s -> recent(s, t -> Math.max(0, t.startupP95Ms()))),
            new TileViewModel("latency", "Latency to live p50 / p95",
                    s -> Format.percentileSeconds(s.global().latencyP50Ms(), s.global().latencyP95Ms()),
                    s -> recent(s, t -> Math.max(0, t.latencyP95Ms()))),
            new TileViewModel("stall-ratio", "Stall ratio", s -> Format.percent(s.global().stallRatio()),
                    s -> recent(s, TimelineSample::stallRatio)));
    private final ReadOnlyObjectWrapper<List<ClientFigures>> clients = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyObjectWrapper<List<TimelineSample>> traffic = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyStringWrapper services = new ReadOnlyStringWrapper("-");
    private final String where;
    private final HistoryViewModel history;

    public DashboardViewModel(NodeModel node) {
        this.where = node.describe();
        this.history = new HistoryViewModel(node, new SimpleStringProperty(SwarmFigures.ALL_SWARMS));
        node.snapshotProperty().addListener((obs, old, s) -> apply(s));
        if (node.snapshotProperty().get() != null) {
            apply(node.snapshotProperty().get());
        }
    }

    /** The range the dashboard shows: the live figures, or every swarm's stored history. */
    public HistoryViewModel history() {
        return history;
    }

    private void apply(NodeSnapshot s) {
        FxThread.require("the dashboard view model's update");
        tiles.forEach(t -> t.apply(s));
        clients.set(s.global().clients());
        traffic.set(s.timeline());
        services.set(s.running() + " of " + s.services().size() + " running"
                + (s.failed() == 0 ? "" : ", " + s.failed() + " failed"));
    }

    private static String natSuccess(NodeSnapshot s) {
        boolean attempted = s.global().natPairs().stream().anyMatch(p -> p.attempts() > 0);
        return attempted ? Format.percent(s.global().natSuccessRatio()) : "-";
    }

    private static List<Double> recent(NodeSnapshot s, ToDoubleFunction<TimelineSample> figure) {
        return s.timeline().stream().mapToDouble(figure).boxed().toList();
    }

    public List<TileViewModel> tiles() {
        return tiles;
    }

    /** Pingback's live figures over all swarms, split by kind of client. */
    public ReadOnlyObjectProperty<List<ClientFigures>> clientsProperty() {
        return clients.getReadOnlyProperty();
    }

    /** One sample per poll over the last minutes, oldest first. */
    public ReadOnlyObjectProperty<List<TimelineSample>> trafficProperty() {
        return traffic.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty servicesProperty() {
        return services.getReadOnlyProperty();
    }

    /** Which node this is: the local data directory and store, or the watched admin URL. */
    public String where() {
        return where;
    }
}
