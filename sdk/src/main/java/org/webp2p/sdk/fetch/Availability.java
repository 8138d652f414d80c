package org.webp2p.sdk.fetch;

import java.util.Set;

/** Which connected peers hold a segment, from their announced ranges and have-messages. */
@FunctionalInterface
public interface Availability {
    Set<String> holders(long sequence);
}
