package org.webp2p.app;

import org.webp2p.protocol.admin.ServiceState;
import org.webp2p.protocol.admin.ServiceStatus;

/**
 * The line a script reads for one service, {@code service NAME STATE ADDRESS [reason|disabled]}: what
 * {@code --headless} prints as states change and {@code webp2p status} prints for a running node.
 */
final class ServiceLine {
    private ServiceLine() {
    }

    static String of(ServiceStatus s) {
        StringBuilder line = new StringBuilder("service ").append(s.name()).append(' ').append(s.state())
                .append(' ').append(s.addressText());
        if (s.state() == ServiceState.FAILED && s.lastError() != null) {
            line.append(' ').append(s.lastError());
        } else if (s.state() == ServiceState.STOPPED && !s.enabled()) {
            line.append(" disabled");
        }
        return line.toString();
    }
}
