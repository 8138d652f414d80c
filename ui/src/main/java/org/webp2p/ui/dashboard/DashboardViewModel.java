package org.webp2p.ui.dashboard;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.webp2p.ui.NodeModel;
import org.webp2p.ui.NodeSnapshot;

/** The figures at the top of the console. */
public final class DashboardViewModel {
    private final ReadOnlyStringWrapper servicesRunning = new ReadOnlyStringWrapper("-");
    private final ReadOnlyStringWrapper servicesFailed = new ReadOnlyStringWrapper("-");
    private final String dataDir;
    private final String store;

    public DashboardViewModel(NodeModel node) {
        this.dataDir = node.runtime().dataDir().toString();
        this.store = node.runtime().store().displayUrl();
        node.snapshotProperty().addListener((obs, old, s) -> apply(s));
        if (node.snapshotProperty().get() != null) {
            apply(node.snapshotProperty().get());
        }
    }

    private void apply(NodeSnapshot s) {
        servicesRunning.set(s.running() + " of " + s.services().size());
        servicesFailed.set(Long.toString(s.failed()));
    }

    public ReadOnlyStringProperty servicesRunningProperty() {
        return servicesRunning.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty servicesFailedProperty() {
        return servicesFailed.getReadOnlyProperty();
    }

    public String dataDir() {
        return dataDir;
    }

    public String store() {
        return store;
    }
}
