package org.webp2p.protocol.admin;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An immutable snapshot of one service, safe to hand to any thread (the console reads these).
 *
 * @param since     when the service entered {@code state}
 * @param lastError the reason of the last failure, kept after a later successful start so the
 *                  operator can still read it; null if it never failed
 */
public record ServiceStatus(
        String name,
        boolean enabled,
        ServiceState state,
        Instant since,
        List<InetSocketAddress> addresses,
        @Nullable String lastError,
        Map<String, Number> metrics) {

    public ServiceStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
        addresses = List.copyOf(addresses);
        metrics = Map.copyOf(metrics);
    }

    /** Time in RUNNING so far, or zero when not running. */
    public Duration uptime(Instant now) {
        return state == ServiceState.RUNNING ? Duration.between(since, now) : Duration.ZERO;
    }

    public Optional<InetSocketAddress> primaryAddress() {
        return addresses.stream().findFirst();
    }

    /** {@code host:port} of every bound address, comma separated, or "-" when none. */
    public String addressText() {
        if (addresses.isEmpty()) {
            return "-";
        }
        StringBuilder out = new StringBuilder();
        for (InetSocketAddress a : addresses) {
            if (!out.isEmpty()) {
                out.append(',');
            }
            String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
            out.append(host.contains(":") ? "[" + host + "]" : host).append(':').append(a.getPort());
        }
        return out.toString();
    }
}
