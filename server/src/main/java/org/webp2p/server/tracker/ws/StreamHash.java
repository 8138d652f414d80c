package org.webp2p.server.tracker.ws;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An info hash p2p-media-loader 2.3.1 announces for one rendition of one of the origin's streams,
 * when the player sets {@code swarmId} to the stream's name.
 *
 * @param type     {@code main} for a variant, {@code secondary} for an audio rendition
 * @param identity what the rendition is hashed by, such as {@code 950400-avc1.64001e-640-360-----}
 * @param rendition the variant's rendition name in the master playlist ({@code 180p}, its swarm
 *                  {@code STREAM/RENDITION}), as SDK clients and the player's beacons name it; null when
 *                  none: an audio rendition, a bare media playlist, a URI that names none
 */
public record StreamHash(String infoHash, String stream, String type, String identity, @Nullable String rendition) {

    /** The hashes of every rendition of {@code stream}'s entry playlist. */
    static List<StreamHash> of(String stream, String entryPlaylist) {
        return HlsRenditions.of(entryPlaylist).stream().map(r -> {
            String shortId = PmlSwarmIds.shortId(r.props());
            return new StreamHash(PmlSwarmIds.infoHash(PmlSwarmIds.streamSwarmId(stream, r.type(), shortId)), stream,
                    r.type(), PmlSwarmIds.identity(r.props()), r.name());
        }).toList();
    }
}
