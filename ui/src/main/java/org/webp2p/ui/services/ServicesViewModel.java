package org.webp2p.ui.services;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.webp2p.protocol.admin.ServiceAction;
import org.webp2p.protocol.admin.ServiceEvent;
import org.webp2p.ui.FxThread;
import org.webp2p.ui.NodeModel;
import org.webp2p.ui.NodeSnapshot;

/** The Services page: a row per service and the event log, newest first. */
public final class ServicesViewModel {
    static final int MAX_EVENTS = 500;

    /** How the page changes a service; the node runs it off the FX thread. */
    interface Control {
        void setRunning(String service, boolean running, Runnable done);

        void restart(String service, Runnable done);
    }

    private final ObservableList<ServiceRowViewModel> rows = FXCollections.observableArrayList();
    private final Map<String, ServiceRowViewModel> byName = new LinkedHashMap<>();
    private final ObservableList<ServiceEvent> events = FXCollections.observableArrayList();
    private final Control control;

    public ServicesViewModel(NodeModel node) {
        this.control = new Control() {
            @Override
            public void setRunning(String service, boolean running, Runnable done) {
                node.control(service, running ? ServiceAction.START : ServiceAction.STOP, done);
            }

            @Override
            public void restart(String service, Runnable done) {
                node.control(service, ServiceAction.RESTART, done);
            }
        };
        node.loadHistory(MAX_EVENTS, history -> {
            // Live events that arrived while history loaded are already at the top.
            events.addAll(history.stream().filter(e -> !events.contains(e)).toList());
        });
        node.snapshotProperty().addListener((obs, old, s) -> apply(s));
        if (node.snapshotProperty().get() != null) {
            apply(node.snapshotProperty().get());
        }
    }

    private void apply(NodeSnapshot s) {
        FxThread.require("the services view model's update");
        s.services().forEach(status -> byName.computeIfAbsent(status.name(), n -> {
            ServiceRowViewModel row = new ServiceRowViewModel(n, control);
            rows.add(row);
            return row;
        }).apply(status, s.at()));
        List<ServiceEvent> fresh = s.newEvents();
        for (ServiceEvent e : fresh) {
            events.add(0, e);
        }
        if (events.size() > MAX_EVENTS) {
            events.remove(MAX_EVENTS, events.size());
        }
    }

    public ObservableList<ServiceRowViewModel> rows() {
        return rows;
    }

    public ObservableList<ServiceEvent> events() {
        return events;
    }

    public void restart(ServiceRowViewModel row) {
        control.restart(row.name(), () -> { });
    }
}
