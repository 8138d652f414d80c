package org.webp2p.server.service;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webp2p.protocol.admin.ServiceEvent;
import org.webp2p.protocol.admin.ServiceState;
import org.webp2p.protocol.admin.ServiceStatus;
import org.webp2p.server.config.ServiceName;

/**
 * Starts and stops services in dependency order and owns their state machine. A failed start never
 * escapes as an exception: the service is left FAILED with a reason an operator can read, and the
 * others carry on. Lifecycle operations are serialised; {@link #statuses()} may be read from any
 * thread at any time.
 */
public final class ServiceManager implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServiceManager.class);

    private final ServiceContext context;
    private final Clock clock;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final List<String> startOrder;
    private final List<Consumer<ServiceEvent>> listeners = new CopyOnWriteArrayList<>();

    public ServiceManager(ServiceContext context, List<? extends Service> services) {
        this.context = context;
        this.clock = context.clock();
        for (Service s : services) {
            // A service that is not one of the node's own (a test's) has no key and always starts.
            boolean enabled = ServiceName.of(s.name()).map(n -> context.config().get(n.enabled())).orElse(true);
            if (entries.putIfAbsent(s.name(), new Entry(s, enabled, clock)) != null) {
                throw new IllegalArgumentException("two services named " + s.name());
            }
        }
        this.startOrder = dependencyOrder();
    }

    /** Receives every state change, on the thread that caused it. */
    public void addListener(Consumer<ServiceEvent> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<ServiceEvent> listener) {
        listeners.remove(listener);
    }

    /** Starts every enabled service, dependencies first. */
    public synchronized void startAll() {
        for (String name : startOrder) {
            Entry e = entries.get(name);
            if (e.enabled) {
                start(name);
            } else if (e.state != ServiceState.STOPPED) {
                stop(name);
            }
        }
    }

    /** Stops every service, dependents first. */
    public synchronized void stopAll() {
        for (int i = startOrder.size() - 1; i >= 0; i--) {
            stop(startOrder.get(i));
        }
    }

    /**
     * Starts one service and, first, whatever it depends on. An operator's explicit start also runs a
     * service that the configuration leaves disabled.
     */
    public synchronized ServiceStatus start(String name) {
        Entry e = entry(name);
        if (e.state.isActive()) {
            return e.status();
        }
        for (String dep : e.service.dependencies()) {
            ServiceStatus depStatus = start(dep);
            if (depStatus.state() != ServiceState.RUNNING) {
                fail(e, "needs " + dep + ", which is " + depStatus.state()
                        + (depStatus.lastError() == null ? "" : ": " + depStatus.lastError()));
                return e.status();
            }
        }
        move(e, ServiceState.STARTING, "");
        try {
            e.service.start(context);
            move(e, ServiceState.RUNNING, e.status().addressText());
        } catch (Exception | LinkageError failure) {
            releaseQuietly(e);
            fail(e, describe(failure));
        }
        return e.status();
    }

    /** Stops one service and, first, every running service that depends on it. */
    public synchronized ServiceStatus stop(String name) {
        Entry e = entry(name);
        if (e.state == ServiceState.STOPPED) {
            return e.status();
        }
        for (Entry other : entries.values()) {
            if (other.service.dependencies().contains(name)) {
                stop(other.service.name());
            }
        }
        if (e.state == ServiceState.FAILED) {
            move(e, ServiceState.STOPPED, "");
            return e.status();
        }
        move(e, ServiceState.STOPPING, "");
        try {
            e.service.stop();
            move(e, ServiceState.STOPPED, "");
        } catch (Exception failure) {
            fail(e, "stop failed: " + describe(failure));
        }
        return e.status();
    }

    public synchronized ServiceStatus restart(String name) {
        stop(name);
        return start(name);
    }

    /** A snapshot of every service in start order. */
    public List<ServiceStatus> statuses() {
        List<ServiceStatus> out = new ArrayList<>(startOrder.size());
        for (String name : startOrder) {
            out.add(entries.get(name).status());
        }
        return out;
    }

    public ServiceStatus status(String name) {
        return entry(name).status();
    }

    /** Where {@code name} listens while it runs; empty if it is unknown, not running or has no address. */
    public Optional<InetSocketAddress> runningAddress(String name) {
        if (!entries.containsKey(name)) {
            return Optional.empty();
        }
        ServiceStatus s = status(name);
        return s.state() == ServiceState.RUNNING ? s.primaryAddress() : Optional.empty();
    }

    /** The service itself, for callers that need its own richer snapshot. */
    public <T extends Service> T service(String name, Class<T> type) {
        return type.cast(entry(name).service);
    }

    public List<String> names() {
        return List.copyOf(startOrder);
    }

    public ServiceContext context() {
        return context;
    }

    @Override
    public void close() {
        stopAll();
    }

    private Entry entry(String name) {
        Entry e = entries.get(name);
        if (e == null) {
            throw new IllegalArgumentException("no service named " + name);
        }
        return e;
    }

    private void fail(Entry e, String reason) {
        e.lastError = reason;
        log.warn("service {} failed: {}", e.service.name(), reason);
        move(e, ServiceState.FAILED, reason);
    }

    /**
     * Puts something a service has to tell the operator into the event log without a change of its
     * state (an RTMP publisher refused, say): an event from its current state to the same, with
     * {@code detail}. May be called from any thread.
     */
    public void note(String name, String detail) {
        ServiceState now = entry(name).state;
        tell(new ServiceEvent(clock.instant(), name, now, now, detail));
    }

    private void move(Entry e, ServiceState to, String detail) {
        ServiceState from = e.state;
        e.state = to;
        e.since = clock.instant();
        tell(new ServiceEvent(e.since, e.service.name(), from, to, detail));
    }

    private void tell(ServiceEvent event) {
        for (Consumer<ServiceEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException ex) {
                log.warn("service event listener failed on {}", event, ex);
            }
        }
    }

    private static void releaseQuietly(Entry e) {
        try {
            e.service.stop();
        } catch (Exception ex) {
            log.debug("cleanup after failed start of {} failed", e.service.name(), ex);
        }
    }

    /** The most specific readable message in a failure's cause chain. */
    static String describe(Throwable failure) {
        Throwable t = failure;
        String best = null;
        while (t != null) {
            // Netty's native epoll transport reports a taken port as its own IOException, not a BindException.
            if (t instanceof BindException || t.getMessage() != null && t.getMessage().startsWith("bind(..) failed")) {
                return "address already in use or not available"
                        + (t.getMessage() == null ? "" : " (" + t.getMessage() + ")")
                        + (best == null ? "" : ": " + best);
            }
            if (best == null && t.getMessage() != null && !t.getMessage().isBlank()) {
                best = t.getMessage();
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        return best != null ? best : failure.getClass().getSimpleName();
    }

    private List<String> dependencyOrder() {
        Set<String> done = new LinkedHashSet<>();
        for (String name : entries.keySet()) {
            visit(name, done, new LinkedHashSet<>());
        }
        return List.copyOf(done);
    }

    private void visit(String name, Set<String> done, Set<String> path) {
        if (done.contains(name)) {
            return;
        }
        Entry e = entries.get(name);
        if (e == null) {
            throw new IllegalArgumentException("unknown dependency " + name + " (path " + path + ")");
        }
        if (!path.add(name)) {
            throw new IllegalArgumentException("dependency cycle through " + path);
        }
        for (String dep : e.service.dependencies()) {
            visit(dep, done, path);
        }
        path.remove(name);
        done.add(name);
    }

    private static final class Entry {
        final Service service;
        final boolean enabled;
        volatile ServiceState state = ServiceState.STOPPED;
        volatile Instant since;
        volatile String lastError;

        Entry(Service service, boolean enabled, Clock clock) {
            this.service = service;
            this.enabled = enabled;
            this.since = clock.instant();
        }

        ServiceStatus status() {
            ServiceState s = state;
            boolean live = s == ServiceState.RUNNING || s == ServiceState.STOPPING;
            return new ServiceStatus(service.name(), enabled, s, since,
                    live ? service.boundAddresses() : List.of(), lastError,
                    live ? service.metrics() : Map.of());
        }
    }
}
