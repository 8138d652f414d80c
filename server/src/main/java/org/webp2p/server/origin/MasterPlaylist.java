package org.webp2p.server.origin;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * An HLS master playlist (RFC 8216 §4.3.4): one variant per rendition of a stream, the highest
 * bandwidth first, since players that do not measure start with the first.
 */
record MasterPlaylist(List<Variant> variants) {

    /**
     * One EXT-X-STREAM-INF (RFC 8216 §4.3.4.2).
     *
     * @param bandwidth        peak segment bitrate in bits per second
     * @param averageBandwidth mean bitrate over the listed segments
     */
    record Variant(String uri, long bandwidth, long averageBandwidth, MediaFormat format) {
        Variant {
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(format, "format");
            if (uri.isBlank() || uri.startsWith("#") || uri.contains("\n") || uri.contains("\r")) {
                throw new IllegalArgumentException("not a variant URI: " + uri);
            }
            if (bandwidth < 1 || averageBandwidth < 1 || averageBandwidth > bandwidth) {
                throw new IllegalArgumentException("a variant's peak bandwidth is at least its average, and both positive: "
                        + bandwidth + ", " + averageBandwidth);
            }
        }
    }

    MasterPlaylist {
        Objects.requireNonNull(variants, "variants");
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("a master playlist lists at least one variant");
        }
        variants = variants.stream().sorted(Comparator.comparingLong(Variant::bandwidth).reversed()
                .thenComparing(Variant::uri)).toList();
    }
}
