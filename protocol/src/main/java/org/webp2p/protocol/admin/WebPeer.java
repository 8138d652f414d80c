package org.webp2p.protocol.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A browser peer as the tracker's WebSocket side knows it: one peer id in one browser swarm. It has
 * no RTMFP address, NAT type or holdings; what it exchanges is only known from its beacons.
 *
 * @param peerId   its WebTorrent peer id, as it announced it (p2p-media-loader's: {@code -PM0203-} and
 *                 12 letters or digits, the same id its beacons carry)
 * @param infoHash the swarm it announced
 * @param stream   the origin stream the info hash belongs to; null for a hash none of this node's
 *                 streams produces
 * @param rendition the rendition of the stream the info hash is ({@code 180p}), as the master playlist
 *                 names it; null for an audio rendition, a stream without renditions, or with stream
 * @param source   the address its WebSocket came from
 */
public record WebPeer(String peerId, String infoHash, @Nullable String stream,
                      @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String rendition,
                      @Nullable InetAddress source, Instant joined, Instant lastSeen) {
    public WebPeer {
        Objects.requireNonNull(peerId, "peerId");
        Objects.requireNonNull(infoHash, "infoHash");
        Objects.requireNonNull(joined, "joined");
        Objects.requireNonNull(lastSeen, "lastSeen");
    }

    /**
     * The swarm it is a peer of as the rest of the node names swarms: {@code STREAM/RENDITION} for a
     * rendition, as SDK peers of it are, else the stream; null with stream.
     */
    public @Nullable String swarm() {
        return stream == null || rendition == null ? stream : stream + "/" + rendition;
    }
}
