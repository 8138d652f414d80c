package org.webp2p.sdk.fetch;

import java.util.Set;

/** Which connected peers hold a segment, from their announced ranges and have-messages. */
@FunctionalInterface
public interface Availability {
    Set<String> holders(long sequence);

    /**
     * The segment's size in bytes as the origin published it, or 0 if not known; only a segment of
     * known size is split among peers.
     */
    default int bytes(long sequence) {
        return 0;
    }
}
