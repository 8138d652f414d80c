package org.webp2p.ui;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.webp2p.protocol.admin.MinuteStat;
import org.webp2p.protocol.admin.NodeState;
import org.webp2p.protocol.admin.NodeState.OriginAccess;
import org.webp2p.protocol.admin.PeerLink;
import org.webp2p.protocol.admin.PeerRecord;
import org.webp2p.protocol.admin.ServiceEvent;
import org.webp2p.protocol.admin.ServiceState;
import org.webp2p.protocol.admin.ServiceStatus;
import org.webp2p.protocol.admin.StreamStats;
import org.webp2p.protocol.admin.SwarmFigures;
import org.webp2p.protocol.admin.SwarmSummary;
import org.webp2p.protocol.admin.WebPeer;

/**
 * Everything the console shows, taken at one instant off the FX thread and handed over whole, so
 * the views never read live server state: the node's state (local or remote alike), the events
 * since the previous snapshot, and the rolling timeline. The state's parts are offered directly.
 *
 * @param node      what the node's services showed at {@link #at()}
 * @param newEvents service events since the previous snapshot, oldest first
 * @param timeline  one sample per snapshot over the last few minutes, oldest first
 */
public record NodeSnapshot(NodeState node, List<ServiceEvent> newEvents, List<TimelineSample> timeline) {
    public NodeSnapshot {
        Objects.requireNonNull(node, "node");
        newEvents = List.copyOf(newEvents);
        timeline = List.copyOf(timeline);
    }

    public Instant at() {
        return node.at();
    }

    public List<ServiceStatus> services() {
        return node.services();
    }

    public List<StreamStats> streams() {
        return node.streams();
    }

    /** Where players and encoders reach the origin; empty while it is stopped. */
    public Optional<OriginAccess> origin() {
        return node.origin();
    }

    /** Tracker swarms with their live peer counts, largest first. */
    public List<SwarmSummary> swarms() {
        return node.swarms();
    }

    /** Live SDK peers of every swarm, as the tracker's announces describe them. */
    public List<PeerRecord> peers() {
        return node.peers();
    }

    /** Live browser peers, per browser swarm they announced to. */
    public List<WebPeer> webPeers() {
        return node.webPeers();
    }

    /** Live peers of both kinds, SDK and browser, each with its beacons' bytes where they match. */
    public List<LivePeer> livePeers() {
        return LivePeer.of(node);
    }

    /** Pingback's live figures over all swarms (zeros while pingback is stopped). */
    public SwarmFigures global() {
        return node.global();
    }

    /** Pingback's live figures per swarm with data in its window. */
    public Map<String, SwarmFigures> swarmFigures() {
        return node.swarmFigures();
    }

    /** Stored per-minute history of all swarms over the last hour, oldest first. */
    public List<MinuteStat> lastHour() {
        return node.lastHour();
    }

    public long running() {
        return services().stream().filter(s -> s.state() == ServiceState.RUNNING).count();
    }

    public long failed() {
        return services().stream().filter(s -> s.state() == ServiceState.FAILED).count();
    }

    /** A service's counters, empty when it is unknown or not running. */
    public Map<String, Number> metrics(String service) {
        return services().stream().filter(s -> s.name().equals(service)).findFirst()
                .map(ServiceStatus::metrics).orElse(Map.of());
    }

    /**
     * Live links between the peers of one swarm, heaviest first. Beacons report links under the
     * stream, while the tracker keeps a swarm per rendition, so a rendition's swarm ({@code
     * demo/180p}) reads its stream's links; the graph keeps those between the peers it shows.
     */
    public List<PeerLink> swarmLinks(String swarm) {
        List<PeerLink> own = node.links().get(swarm);
        int slash = swarm.indexOf('/');
        if (own != null || slash < 0) {
            return own == null ? List.of() : own;
        }
        return node.links().getOrDefault(swarm.substring(0, slash), List.of());
    }

    /** Peers of both kinds; a browser playing two renditions of a stream is one. */
    public int peersOnline() {
        return livePeers().size();
    }

    /**
     * Streams a viewer can watch live now: encoder-fed streams still receiving segments and the
     * built-in demo loops, which play like any live stream (the origin's {@code streams.live} metric
     * counts encoder-fed streams only, for alerting on ingest).
     */
    public long liveStreams() {
        return streams().stream().filter(s -> s.kind() == StreamStats.Kind.LIVE || s.kind() == StreamStats.Kind.DEMO)
                .count();
    }

    /** P2P share of all bytes downloaded in the stored last hour, from 0 to 1. */
    public double hourOffload() {
        return offload(lastHour());
    }

    /** Bytes peers served each other in the stored last hour: what the origin did not have to send. */
    public long hourEgressSaved() {
        return egressSaved(lastHour());
    }

    static double offload(List<MinuteStat> minutes) {
        long http = minutes.stream().mapToLong(MinuteStat::httpBytes).sum();
        long p2p = egressSaved(minutes);
        return http + p2p == 0 ? 0 : (double) p2p / (http + p2p);
    }

    static long egressSaved(List<MinuteStat> minutes) {
        return minutes.stream().mapToLong(MinuteStat::p2pBytes).sum();
    }
}
