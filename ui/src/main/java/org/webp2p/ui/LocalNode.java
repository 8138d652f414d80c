package org.webp2p.ui;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.webp2p.protocol.admin.NodeState;
import org.webp2p.protocol.admin.ServiceAction;
import org.webp2p.protocol.admin.ServiceEvent;
import org.webp2p.protocol.admin.TrafficHistory;
import org.webp2p.server.ServerRuntime;
import org.webp2p.server.admin.NodeStateReader;
import org.webp2p.server.api.TokenIssuer;
import org.webp2p.server.pingback.HistoryReader;
import org.webp2p.server.service.ServiceManager;

/** The node running in this process, read straight from its services. */
public final class LocalNode implements NodeSource {
    private static final Duration PLAYBACK_TOKEN_LIFE = Duration.ofDays(1);
    private final ServerRuntime runtime;
    private final NodeStateReader reader;
    private final HistoryReader history;
    private final ConcurrentLinkedQueue<ServiceEvent> pending = new ConcurrentLinkedQueue<>();
    private final Consumer<ServiceEvent> sink = pending::add;

    public LocalNode(ServerRuntime runtime) {
        this.runtime = runtime;
        this.reader = new NodeStateReader(runtime.services());
        this.history = HistoryReader.of(runtime.store().dataSource(), runtime.config(), Clock.systemUTC());
        runtime.services().addListener(sink);
    }

    @Override
    public Reading read() {
        // State first: if reading it fails, the events stay queued for the next read.
        NodeState state = reader.read();
        List<ServiceEvent> events = new ArrayList<>();
        for (ServiceEvent e; (e = pending.poll()) != null; ) {
            events.add(e);
        }
        return new Reading(state, events);
    }

    @Override
    public void control(String service, ServiceAction action) {
        ServiceManager services = runtime.services();
        switch (action) {
            case START -> services.start(service);
            case STOP -> services.stop(service);
            case RESTART -> services.restart(service);
        }
    }

    @Override
    public String playbackToken(String stream) throws NodeSourceException {
        try {
            return new TokenIssuer(runtime.config(), runtime.dataDir(), Clock.systemUTC())
                    .issue(stream, "console", PLAYBACK_TOKEN_LIFE);
        } catch (IOException e) {
            throw new NodeSourceException("the node's token secret cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public List<ServiceEvent> history(int limit) throws NodeSourceException {
        try {
            return runtime.events().recent(limit);
        } catch (SQLException e) {
            throw new NodeSourceException("the event log cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public TrafficHistory trafficHistory(String swarm, Instant from, Instant to, int maxPoints)
            throws NodeSourceException {
        try {
            return history.read(swarm, from, to, maxPoints);
        } catch (SQLException e) {
            throw new NodeSourceException("the stored history cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<ServerRuntime> local() {
        return Optional.of(runtime);
    }

    @Override
    public String describe() {
        return "Data directory " + runtime.dataDir() + "   Store " + runtime.store().displayUrl();
    }

    @Override
    public void close() {
        runtime.services().removeListener(sink);
    }
}
