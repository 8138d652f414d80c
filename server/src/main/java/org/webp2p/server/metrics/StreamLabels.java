package org.webp2p.server.metrics;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The stream label values one scrape may use: the origin's own streams, in its order (demo, live,
 * ended, VOD), up to a cap. Anything else a client or encoder names is {@value #OTHER}, so neither
 * a flood of stream names nor beacons for made-up swarms can grow Prometheus' series without bound.
 */
final class StreamLabels {
    static final String OTHER = "_other";

    private final Set<String> known;

    StreamLabels(List<String> originStreams, int max) {
        known = new LinkedHashSet<>(originStreams.subList(0, Math.min(max, originStreams.size())));
    }

    /** The label value for {@code stream}: its name when it is one of the labelled streams, else {@value #OTHER}. */
    String of(String stream) {
        return known.contains(stream) ? stream : OTHER;
    }

    boolean labelled(String stream) {
        return known.contains(stream);
    }
}
