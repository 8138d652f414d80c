package org.webp2p.ui;

import java.time.Instant;
import java.util.List;
import org.webp2p.server.service.ServiceEvent;
import org.webp2p.server.service.ServiceStatus;

/**
 * Everything the console shows, taken at one instant off the FX thread and handed over whole, so
 * the views never read live server state.
 *
 * @param newEvents service events since the previous snapshot, oldest first
 */
public record NodeSnapshot(Instant at, List<ServiceStatus> services, List<ServiceEvent> newEvents) {
    public NodeSnapshot {
        services = List.copyOf(services);
        newEvents = List.copyOf(newEvents);
    }

    public long running() {
        return services.stream().filter(s -> s.state() == org.webp2p.server.service.ServiceState.RUNNING).count();
    }

    public long failed() {
        return services.stream().filter(s -> s.state() == org.webp2p.server.service.ServiceState.FAILED).count();
    }
}
