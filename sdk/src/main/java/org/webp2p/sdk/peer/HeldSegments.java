package org.webp2p.sdk.peer;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The segments this client holds and serves to peers. Read on the owner's event loop. */
public interface HeldSegments {
    /** The bytes of a held segment, or null. */
    byte @Nullable [] get(long sequence);

    Set<Long> sequences();
}
