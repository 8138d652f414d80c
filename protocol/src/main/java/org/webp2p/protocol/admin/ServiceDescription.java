package org.webp2p.protocol.admin;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One service as {@code GET /v1/services} describes it: its {@link ServiceStatus} with the uptime
 * worked out, for scripts that do not want to compute it.
 *
 * @param uptimeSeconds whole seconds in RUNNING so far, 0 when not running
 * @param lastError     the reason of the last failure, or null if it never failed
 */
public record ServiceDescription(String name, boolean enabled, ServiceState state, Instant since, long uptimeSeconds,
                                 List<InetSocketAddress> addresses, @Nullable String lastError, Map<String, Number> metrics) {
    public ServiceDescription {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
        addresses = List.copyOf(addresses);
        metrics = Map.copyOf(metrics);
    }

    public static ServiceDescription of(ServiceStatus s, Instant now) {
        return new ServiceDescription(s.name(), s.enabled(), s.state(), s.since(), s.uptime(now).toSeconds(),
                s.addresses(), s.lastError(), s.metrics());
    }
}
