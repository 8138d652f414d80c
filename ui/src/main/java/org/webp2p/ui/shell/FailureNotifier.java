package org.webp2p.ui.shell;

import javafx.scene.Node;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.webp2p.server.service.ServiceEvent;
import org.webp2p.server.service.ServiceState;
import org.webp2p.ui.NodeSnapshot;

/** Pops up a notification whenever a service fails, with the reason, wherever the operator is. */
final class FailureNotifier {
    private final Node owner;

    FailureNotifier(Node owner) {
        this.owner = owner;
    }

    /** Notifies each failure among the snapshot's new events. */
    void show(NodeSnapshot s) {
        for (ServiceEvent e : s.newEvents()) {
            if (e.to() == ServiceState.FAILED && owner.getScene() != null && owner.getScene().getWindow() != null) {
                Notifications.create()
                        .owner(owner.getScene().getWindow())
                        .title("Service " + e.service() + " failed")
                        .text(e.detail() == null || e.detail().isBlank() ? "No reason given" : e.detail())
                        .hideAfter(Duration.seconds(12))
                        .showError();
            }
        }
    }
}
