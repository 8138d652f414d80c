package org.webp2p.protocol.admin;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a node's services show at one instant, read in one place so the console's local view and the
 * admin endpoint's {@code /v1/snapshot} cannot differ. Immutable; serialised as it is.
 *
 * @param origin       where players and encoders reach the origin; empty while it is stopped
 * @param swarms       tracker swarms with their live peer counts, largest first
 * @param peers        live peers of every swarm
 * @param global       pingback's live figures over all swarms (zeros while pingback is stopped)
 * @param swarmFigures pingback's live figures per swarm with data in its window
 * @param links        pingback's live byte totals between peers, per swarm with any
 * @param lastHour     stored per-minute history of all swarms over the last hour, oldest first
 * @param webSwarms    the tracker's browser (WebSocket) swarms, largest first, each with the stream
 *                     its info hash belongs to when it is one of the origin's
 */
public record NodeState(Instant at, List<ServiceStatus> services, List<StreamStats> streams,
                        Optional<OriginAccess> origin, List<SwarmSummary> swarms, List<PeerRecord> peers,
                        SwarmFigures global, Map<String, SwarmFigures> swarmFigures,
                        Map<String, List<PeerLink>> links, List<MinuteStat> lastHour, List<WebSwarm> webSwarms) {
    public NodeState {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(global, "global");
        services = List.copyOf(services);
        streams = List.copyOf(streams);
        swarms = List.copyOf(swarms);
        peers = List.copyOf(peers);
        swarmFigures = Map.copyOf(swarmFigures);
        links = Map.copyOf(links);
        lastHour = List.copyOf(lastHour);
        webSwarms = List.copyOf(webSwarms);
    }

    /**
     * How players and encoders reach the origin: its base URL, the key encoders publish with, and the
     * streams that have a key of their own.
     */
    public record OriginAccess(String baseUrl, String publishKey, Map<String, String> streamKeys) {
        public OriginAccess {
            streamKeys = Map.copyOf(streamKeys);
        }

        /** The key an encoder publishes {@code stream} with. */
        public String keyFor(String stream) {
            return streamKeys.getOrDefault(stream, publishKey);
        }
    }
}
