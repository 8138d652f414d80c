package org.webp2p.protocol.api;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The API's answer to {@code POST /v1/sessions} and {@code GET /v1/sessions/{id}}: where the client
 * finds everything and how much P2P it does now, as the scheduler decided it.
 *
 * @param ticket             the session's ticket, which every beacon carries: proof, checked by any node
 *                           without a lookup, that this API opened the session; a renewed plan carries
 *                           a fresh one, as each expires ({@code api.ticket-ttl})
 * @param playlistUrls       the stream's media playlist, at least one
 * @param trackerUrl         where to announce; null when no tracker has room
 * @param webTrackerUrl      the same tracker's WebTorrent side for browsers
 *                           ({@code ws://host:port/announce}; {@code wss://} to a client that asked
 *                           over https); null with trackerUrl
 * @param rendezvous         RTMFP rendezvous URIs ({@code rtmfp://host:port/webp2p}); empty when none has room
 * @param stun               STUN servers ({@code host:port}) to classify the client's NAT with
 * @param pingbackUrl        where beacons go; null while pingback is not running
 * @param pingbackIntervalMs how often to send a beacon, and to ask for the plan again
 */
public record SessionPlan(String sessionId, String ticket, String stream, String swarm, List<String> playlistUrls,
                          @Nullable String trackerUrl, @Nullable String webTrackerUrl, List<String> rendezvous,
                          List<String> stun, @Nullable String pingbackUrl, long pingbackIntervalMs, P2p p2p) {
    public SessionPlan {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(swarm, "swarm");
        playlistUrls = copy(playlistUrls);
        if (playlistUrls.isEmpty()) {
            throw new IllegalArgumentException("a plan names at least one playlist");
        }
        rendezvous = copy(rendezvous);
        stun = copy(stun);
        if (pingbackIntervalMs < 0) {
            throw new IllegalArgumentException("pingbackIntervalMs must not be negative");
        }
        Objects.requireNonNull(p2p, "p2p");
    }

    /**
     * The scheduler's P2P settings for this client, with every reason it had (for the operator).
     *
     * @param enabled            whether to fetch from peers now; a client announces to the tracker either way
     * @param segmentsBehindLive segments behind the newest listed at which a client with peers starts a live
     *                           stream ({@code api.p2p-segments-behind-live}); 0 from an API that predates it,
     *                           when the client keeps its own default
     */
    public record P2p(boolean enabled, int maxPeers, int prefetchSegments, int uploadLimitKbps, int segmentsBehindLive,
                      List<String> reasons) {
        public P2p {
            if (maxPeers < 0 || prefetchSegments < 0 || uploadLimitKbps < 0 || segmentsBehindLive < 0) {
                throw new IllegalArgumentException("P2P settings must not be negative");
            }
            reasons = copy(reasons);
        }
    }

    private static List<String> copy(List<String> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
