package org.webp2p.server.tracker.ws;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which stream each info hash belongs to: the hashes of every rendition of every stream the origin
 * serves. Immutable; the tracker builds a new one when the origin's streams change.
 */
public final class KnownStreams {
    public static final KnownStreams NONE = new KnownStreams(Map.of());

    private final Map<String, StreamHash> byHash;

    private KnownStreams(Map<String, StreamHash> byHash) {
        this.byHash = byHash;
    }

    /** @param entryPlaylists each stream's name and the text of the playlist players open first */
    public static KnownStreams of(Map<String, String> entryPlaylists) {
        Map<String, StreamHash> byHash = new HashMap<>();
        entryPlaylists.forEach((stream, playlist) -> StreamHash.of(stream, playlist)
                .forEach(h -> byHash.putIfAbsent(h.infoHash(), h)));
        return new KnownStreams(Map.copyOf(byHash));
    }

    public Optional<StreamHash> find(String infoHash) {
        return Optional.ofNullable(byHash.get(infoHash));
    }

    public boolean contains(String infoHash) {
        return byHash.containsKey(infoHash);
    }

    public List<StreamHash> all() {
        return List.copyOf(byHash.values());
    }
}
