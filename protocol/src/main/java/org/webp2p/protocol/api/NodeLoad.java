package org.webp2p.protocol.api;

import java.util.Objects;

/**
 * How busy one rendezvous node or tracker is: an entry of {@link LoadReport}, and what the API's
 * scheduler compares.
 *
 * @param address  where clients reach it ({@code host:port} or a URL)
 * @param used     sessions or peers it carries now
 * @param capacity the most it should carry
 */
public record NodeLoad(String address, long used, long capacity) {
    public NodeLoad {
        Objects.requireNonNull(address, "address");
        if (used < 0 || capacity < 0) {
            throw new IllegalArgumentException("load figures must not be negative");
        }
    }

    public long room() {
        return Math.max(0, capacity - used);
    }
}
