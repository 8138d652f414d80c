package org.webp2p.protocol.admin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

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
 * @param webPeers     the peers of those browser swarms
 * @param sessions     pingback's live sessions, each with its kind and the bytes its beacons reported
 */
public record NodeState(Instant at, List<ServiceStatus> services, List<StreamStats> streams,
                        Optional<OriginAccess> origin, List<SwarmSummary> swarms, List<PeerRecord> peers,
                        SwarmFigures global, Map<String, SwarmFigures> swarmFigures,
                        Map<String, List<PeerLink>> links, List<MinuteStat> lastHour, List<WebSwarm> webSwarms,
                        List<WebPeer> webPeers, List<LiveSession> sessions) {
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
        // A console may watch a node older than these two, which leaves them out.
        webPeers = webPeers == null ? List.of() : List.copyOf(webPeers);
        sessions = sessions == null ? List.of() : List.copyOf(sessions);
    }

    /**
     * How players and encoders reach the node: the origin's base URL (https when the origin has a
     * certificate; the host is {@code api.public-host} when set), the key encoders publish with, the
     * streams that have a key of their own, the API's URL, which embedded players are pointed at, and
     * which of the origin's streams players may open without a token.
     *
     * @param apiUrl      the API's base URL on the origin's host; null while the API is stopped
     * @param openStreams the origin's streams that need no token ({@code api.open-streams}, or all
     *                    with {@code api.open}); empty from a node older than this field
     */
    public record OriginAccess(String baseUrl, String publishKey, Map<String, String> streamKeys,
                               @Nullable String apiUrl, List<String> openStreams) {
        public OriginAccess {
            Objects.requireNonNull(baseUrl, "baseUrl");
            streamKeys = Map.copyOf(streamKeys);
            openStreams = openStreams == null ? List.of() : List.copyOf(openStreams);
        }

        /** The key an encoder publishes {@code stream} with. */
        public String keyFor(String stream) {
            return streamKeys.getOrDefault(stream, publishKey);
        }

        /**
         * Where an encoder pushes {@code stream} ({@code -f hls -method PUT}): the key is a segment of
         * the path, because ffmpeg names each segment relative to the playlist URL's path and drops
         * its query, and the origin wants the key on every upload.
         */
        public String publishUrl(String stream) {
            // URLEncoder encodes for forms: in a path a space is %20, and '+' is left as it is encoded.
            String key = URLEncoder.encode(keyFor(stream), StandardCharsets.UTF_8).replace("+", "%20");
            return baseUrl + "/ingest/" + key + "/" + stream + "/" + StreamStats.PLAYLIST_FILE;
        }

        /** Whether a player may open {@code stream} without a token. */
        public boolean isOpen(String stream) {
            return openStreams.contains(stream);
        }
    }
}
