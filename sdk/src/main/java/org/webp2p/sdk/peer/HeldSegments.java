package org.webp2p.sdk.peer;

import java.util.Set;

/** The segments this client holds and serves to peers. Read on the owner's event loop. */
public interface HeldSegments {
    /** The bytes of a held segment, or null. */
    byte[] get(long sequence);

    Set<Long> sequences();
}
