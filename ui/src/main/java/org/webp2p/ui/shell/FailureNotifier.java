package org.webp2p.ui.shell;

import javafx.scene.Node;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.webp2p.protocol.admin.ServiceEvent;
import org.webp2p.protocol.admin.ServiceState;
import org.webp2p.ui.NodeSnapshot;

/**
 * Pops up a notification whenever a service fails or a command to one does, with the reason, and
 * when viewers' stalls spike, wherever the operator is.
 */
final class FailureNotifier {
    private final Node owner;
    private final StallSpikes stalls = new StallSpikes();

    FailureNotifier(Node owner) {
        this.owner = owner;
    }

    /** Notifies each failure among the snapshot's new events, and a spike in stalls. */
    void show(NodeSnapshot s) {
        for (ServiceEvent e : s.newEvents()) {
            if (e.to() == ServiceState.FAILED) {
                notify("Service " + e.service() + " failed",
                        e.detail() == null || e.detail().isBlank() ? "No reason given" : e.detail());
            }
        }
        stalls.check(s).ifPresent(text -> notify("Viewers are stalling", text));
    }

    void showCommandFailure(String reason) {
        notify("Command failed", reason);
    }

    private void notify(String title, String text) {
        if (owner.getScene() != null && owner.getScene().getWindow() != null) {
            Notifications.create()
                    .owner(owner.getScene().getWindow())
                    .title(title)
                    .text(text)
                    .hideAfter(Duration.seconds(12))
                    .showError();
        }
    }
}
