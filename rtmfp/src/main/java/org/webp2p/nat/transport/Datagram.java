package org.webp2p.nat.transport;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One UDP payload and the remote end: the destination when sending, the source when received.
 *
 * @param peer the remote transport address
 * @param payload the bytes; not copied, so a sender must not change them afterwards
 */
public record Datagram(InetSocketAddress peer, byte[] payload) {
    public Datagram {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(payload, "payload");
    }
}
