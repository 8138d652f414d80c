package org.webp2p.sdk.proxy;

import java.util.Locale;
import org.webp2p.sdk.hls.MediaPlaylist;

/**
 * Writes a media playlist whose segment and init URIs lead back to the proxy (RFC 8216 §4.3), so the
 * player fetches every segment through the SDK while timing and sequence numbers stay the origin's.
 */
final class PlaylistRewriter {
    private PlaylistRewriter() {
    }

    static String rewrite(MediaPlaylist p) {
        StringBuilder out = new StringBuilder(64 + 40 * p.segments().size());
        out.append("#EXTM3U\n");
        // Version 6 is the lowest allowing EXT-X-MAP in a media playlist without I-frames (§7).
        out.append("#EXT-X-VERSION:").append(p.initSegment() == null ? 3 : 6).append('\n');
        // §4.3.3.1: an integer no less than any segment's rounded duration.
        long maxMs = p.segments().stream().mapToLong(MediaPlaylist.Segment::durationMs).max().orElse(0);
        out.append("#EXT-X-TARGETDURATION:").append(Math.max(ceilSeconds(p.targetDurationMs()),
                Math.round(maxMs / 1000.0))).append('\n');
        out.append("#EXT-X-MEDIA-SEQUENCE:").append(p.mediaSequence()).append('\n');
        if (p.discontinuitySequence() > 0) {
            out.append("#EXT-X-DISCONTINUITY-SEQUENCE:").append(p.discontinuitySequence()).append('\n');
        }
        if (p.initSegment() != null) {
            out.append("#EXT-X-MAP:URI=\"").append(ProxyPaths.init(p.initSegment())).append("\"\n");
        }
        for (MediaPlaylist.Segment s : p.segments()) {
            if (s.discontinuity()) {
                out.append("#EXT-X-DISCONTINUITY\n");
            }
            out.append("#EXTINF:").append(String.format(Locale.ROOT, "%.3f", s.durationMs() / 1000.0)).append(",\n");
            out.append(ProxyPaths.segment(s.sequence(), s.uri())).append('\n');
        }
        if (p.ended()) {
            out.append("#EXT-X-ENDLIST\n");
        }
        return out.toString();
    }

    private static long ceilSeconds(long ms) {
        return (ms + 999) / 1000;
    }
}
