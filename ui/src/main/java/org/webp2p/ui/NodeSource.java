package org.webp2p.ui;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.webp2p.protocol.admin.NodeState;
import org.webp2p.protocol.admin.ServiceAction;
import org.webp2p.protocol.admin.ServiceEvent;
import org.webp2p.protocol.admin.TrafficHistory;
import org.webp2p.server.ServerRuntime;

/**
 * Where the console's figures come from and its commands go: the node in this process, or a node
 * watched through its admin endpoint. Every method may block and is called off the FX thread.
 */
public interface NodeSource extends AutoCloseable {
    /** What a read returns: the node's state and the service events since the previous read. */
    record Reading(NodeState state, List<ServiceEvent> newEvents) {
        public Reading {
            newEvents = List.copyOf(newEvents);
        }
    }

    /** Reads the node now; called by the polling thread only. Fails with a reason a person can act on. */
    Reading read() throws NodeSourceException;

    void control(String service, ServiceAction action) throws NodeSourceException;

    /** A token that lets a player open a session for {@code stream} for a day, signed by the node. */
    String playbackToken(String stream) throws NodeSourceException;

    /** The newest logged service events, newest first. */
    List<ServiceEvent> history(int limit) throws NodeSourceException;

    /**
     * The stored figures of {@code swarm} (or of every swarm, {@code "*"}) from {@code from} to {@code to}
     * in at most {@code maxPoints} steps, summed by the node: a long range costs no more than a short one.
     */
    TrafficHistory trafficHistory(String swarm, Instant from, Instant to, int maxPoints) throws NodeSourceException;

    /** The node in this process; empty while watching a remote one. */
    Optional<ServerRuntime> local();

    /** Where the node is, as the console names it. */
    String describe();

    @Override
    void close();
}
