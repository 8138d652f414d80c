package org.webp2p.server.origin;

/** Writes master playlists (RFC 8216 §4.3.4). Stateless. */
final class MasterPlaylistCodec {

    private MasterPlaylistCodec() {
    }

    static String write(MasterPlaylist playlist) {
        StringBuilder out = new StringBuilder(64 + 128 * playlist.variants().size());
        out.append("#EXTM3U\n");
        // Version 3 allows decimal EXTINF in the media playlists; every segment starts with a key frame.
        out.append("#EXT-X-VERSION:3\n");
        out.append("#EXT-X-INDEPENDENT-SEGMENTS\n");
        for (MasterPlaylist.Variant v : playlist.variants()) {
            out.append("#EXT-X-STREAM-INF:BANDWIDTH=").append(v.bandwidth())
                    .append(",AVERAGE-BANDWIDTH=").append(v.averageBandwidth());
            v.format().resolution().ifPresent(r -> out.append(",RESOLUTION=").append(r));
            if (v.format().isKnown()) {
                out.append(",CODECS=\"").append(String.join(",", v.format().codecs())).append('"');
            }
            out.append('\n').append(v.uri()).append('\n');
        }
        return out.toString();
    }
}
