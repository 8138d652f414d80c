package org.webp2p.ui.services;

import java.time.Instant;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import org.webp2p.protocol.admin.ServiceState;
import org.webp2p.protocol.admin.ServiceStatus;
import org.webp2p.ui.Format;

/**
 * One service as the Services page shows it. {@link #runningProperty()} is what the operator asks
 * for; while that request is in flight ({@link #busyProperty()}) snapshots do not overwrite it, so
 * the switch never flickers back.
 */
public final class ServiceRowViewModel {
    private final String name;
    private final ReadOnlyObjectWrapper<ServiceState> state = new ReadOnlyObjectWrapper<>(ServiceState.STOPPED);
    private final ReadOnlyStringWrapper address = new ReadOnlyStringWrapper("-");
    private final ReadOnlyStringWrapper uptime = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper lastError = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final BooleanProperty running = new SimpleBooleanProperty();
    private boolean applying;

    ServiceRowViewModel(String name, ServicesViewModel.Control control) {
        this.name = name;
        running.addListener((obs, was, now) -> {
            if (!applying && !busy.get()) {
                busy.set(true);
                control.setRunning(name, now, () -> busy.set(false));
            }
        });
    }

    void apply(ServiceStatus s, Instant now) {
        address.set(s.addressText());
        uptime.set(s.state() == ServiceState.RUNNING ? Format.duration(s.uptime(now)) : "");
        lastError.set(s.lastError() == null ? "" : s.lastError());
        state.set(s.state());
        if (!busy.get()) {
            applying = true;
            running.set(s.state().isActive());
            applying = false;
        }
    }

    public String name() {
        return name;
    }

    public ReadOnlyObjectProperty<ServiceState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty addressProperty() {
        return address.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty uptimeProperty() {
        return uptime.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty lastErrorProperty() {
        return lastError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The operator's switch: setting it starts or stops the service. */
    public BooleanProperty runningProperty() {
        return running;
    }
}
