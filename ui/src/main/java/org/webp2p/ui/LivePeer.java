package org.webp2p.ui;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.webp2p.protocol.ClientKind;
import org.webp2p.protocol.admin.LiveSession;
import org.webp2p.protocol.admin.NodeState;
import org.webp2p.protocol.admin.PeerRecord;
import org.webp2p.protocol.admin.WebPeer;

/**
 * A live peer of either kind as the console lists and draws it: an SDK player the tracker knows from
 * its announces (with its RTMFP addresses, NAT type and holdings), or a browser page the tracker
 * knows from its WebSocket (with none of those), each with the bytes its beacons reported when a
 * live pingback session carries its peer id in its swarm.
 *
 * @param stream      the swarm it watches: the stream, or the rendition of it ({@code STREAM/RENDITION})
 *                    for an SDK peer in a rendition's swarm and a browser in a variant's; null for a
 *                    browser whose info hash names none of the node's streams
 * @param infoHashes  a browser's swarms (one per rendition it plays); empty for an SDK peer
 * @param source      where its announces or its WebSocket came from
 * @param lastSeenAgo time since its last announce, at the snapshot
 * @param announced   what an SDK peer announced; empty for a browser
 * @param traffic     its live pingback session; empty when none matches
 */
public record LivePeer(String key, ClientKind kind, String peerId, @Nullable String stream, List<String> infoHashes,
                       @Nullable InetAddress source, Instant joined, Duration lastSeenAgo,
                       Optional<PeerRecord> announced, Optional<LiveSession> traffic) {
    public LivePeer {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        infoHashes = List.copyOf(infoHashes);
    }

    /** The peers of both kinds in {@code s}: the tracker's SDK peers, then its browser peers. */
    public static List<LivePeer> of(NodeState s) {
        // Sessions come most recently heard first: the first one for a peer id is its live one. An SDK
        // peer is in its rendition's swarm, whose session names the rendition apart from the stream.
        Map<List<String>, LiveSession> sessions = new HashMap<>();
        for (LiveSession session : s.sessions()) {
            if (session.peerId() != null) {
                sessions.putIfAbsent(List.of(session.peerSwarm(), session.peerId()), session);
            }
        }
        List<LivePeer> out = new ArrayList<>();
        for (PeerRecord p : s.peers()) {
            out.add(new LivePeer("sdk/" + p.swarm() + "/" + p.peerId(), ClientKind.SDK, p.peerId(), p.swarm(), List.of(),
                    p.source(), p.joined(), Duration.between(p.lastSeen(), s.at()), Optional.of(p),
                    Optional.ofNullable(sessions.get(List.of(p.swarm(), p.peerId())))));
        }
        // A page playing a stream with separate audio sits in two swarms under one peer id: one peer.
        Map<List<String>, List<WebPeer>> pages = new LinkedHashMap<>();
        for (WebPeer w : s.webPeers()) {
            String group = w.stream() != null ? w.stream() : "#" + w.infoHash();
            pages.computeIfAbsent(List.of(group, w.peerId()), k -> new ArrayList<>()).add(w);
        }
        pages.forEach((group, swarms) -> out.add(browser(group.get(0), swarms, s.at(), sessions)));
        return out;
    }

    private static LivePeer browser(String group, List<WebPeer> swarms, Instant at,
                                    Map<List<String>, LiveSession> sessions) {
        WebPeer latest = swarms.get(0);
        WebPeer playing = null;
        Instant joined = latest.joined();
        for (WebPeer w : swarms) {
            latest = w.lastSeen().isAfter(latest.lastSeen()) ? w : latest;
            joined = w.joined().isBefore(joined) ? w.joined() : joined;
            // Its audio swarm names no rendition, and a page that just switched still announces the old one.
            if (w.rendition() != null && (playing == null || w.lastSeen().isAfter(playing.lastSeen()))) {
                playing = w;
            }
        }
        String swarm = (playing != null ? playing : latest).swarm();
        String peerId = latest.peerId();
        // Beacons from a page that names no rendition (an older player) count on the stream itself.
        Optional<LiveSession> traffic = swarm == null ? Optional.empty()
                : Optional.ofNullable(sessions.get(List.of(swarm, peerId)))
                        .or(() -> Optional.ofNullable(sessions.get(List.of(group, peerId))));
        return new LivePeer("browser/" + group + "/" + peerId, ClientKind.BROWSER, peerId, swarm,
                swarms.stream().map(WebPeer::infoHash).toList(), latest.source(), joined,
                Duration.between(latest.lastSeen(), at), Optional.empty(), traffic);
    }
}
