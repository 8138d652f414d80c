package org.webp2p.ui;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.webp2p.protocol.admin.AdminSnapshot;
import org.webp2p.protocol.admin.ServiceAction;
import org.webp2p.protocol.admin.ServiceEvent;
import org.webp2p.protocol.admin.TrafficHistory;
import org.webp2p.server.ServerRuntime;

/** A node in another process, watched and steered through its admin endpoint. */
public final class RemoteNode implements NodeSource {
    private final AdminClient client;
    // Where the event log was last read up to; -1 until the first snapshot says where "now" is.
    private long eventCursor = -1;

    public RemoteNode(AdminClient client) {
        this.client = client;
    }

    @Override
    public Reading read() throws NodeSourceException {
        AdminSnapshot s = client.snapshot(eventCursor);
        eventCursor = s.eventCursor();
        return new Reading(s.node(), s.events());
    }

    @Override
    public void control(String service, ServiceAction action) throws NodeSourceException {
        client.control(service, action);
    }

    @Override
    public String playbackToken(String stream) throws NodeSourceException {
        return client.playbackToken(stream);
    }

    @Override
    public List<ServiceEvent> history(int limit) throws NodeSourceException {
        return client.events(limit);
    }

    @Override
    public TrafficHistory trafficHistory(String swarm, Instant from, Instant to, int maxPoints)
            throws NodeSourceException {
        return client.trafficHistory(swarm, from, to, maxPoints);
    }

    @Override
    public Optional<ServerRuntime> local() {
        return Optional.empty();
    }

    @Override
    public String describe() {
        return "Watching " + client.base();
    }

    @Override
    public void close() {
        // The JDK client holds no connection that outlives its requests' threads.
    }
}
