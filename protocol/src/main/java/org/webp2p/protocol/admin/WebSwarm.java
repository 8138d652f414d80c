package org.webp2p.protocol.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A browser swarm (WebTorrent peers on the tracker's WebSocket) in the live view.
 *
 * @param infoHash   as clients announce it (p2p-media-loader's are 20 printable Base64 characters)
 * @param stream     the origin stream whose rendition the info hash names; null for a hash none of
 *                   this node's streams produces (another swarm id, another p2p-media-loader release)
 * @param type       {@code main} (a variant) or {@code secondary} (an audio rendition); null with stream
 * @param identity   the rendition's properties as p2p-media-loader hashes them, such as
 *                   {@code 0--------} for a bare media playlist; null with stream
 * @param rendition  the rendition of the stream it is, as the master playlist names it ({@code 180p}):
 *                   its peers are in {@code STREAM/RENDITION} as SDK peers of it are; null for an audio
 *                   rendition, a stream without renditions, or with stream
 * @param complete   peers that said they hold everything (browsers never do)
 * @param incomplete the other peers
 */
public record WebSwarm(String infoHash, @Nullable String stream, @Nullable String type, @Nullable String identity,
                       @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String rendition, int complete,
                       int incomplete) {
    public WebSwarm {
        Objects.requireNonNull(infoHash, "infoHash");
        if (complete < 0 || incomplete < 0) {
            throw new IllegalArgumentException("peer counts must not be negative");
        }
    }

    public int peers() {
        return complete + incomplete;
    }
}
