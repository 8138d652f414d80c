package org.webp2p.sdk.peer;

import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.webp2p.sdk.fetch.PartialSegment;

/** The segments this client holds and serves to peers. Read on the owner's event loop. */
public interface HeldSegments {
    /** The bytes of a held segment, or null. */
    byte @Nullable [] get(long sequence);

    Set<Long> sequences();

    /**
     * A segment being assembled from peers' parts, not held yet, whose bytes may be passed on as they
     * arrive; null if none, always for segments that only ever come whole.
     */
    default @Nullable PartialSegment arriving(long sequence) {
        return null;
    }
}
