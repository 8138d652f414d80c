package org.webp2p.sdk.diagnostics;

import java.util.Objects;

/**
 * A peer this client could not connect to, or lost.
 *
 * @param peerId the peer's id as the tracker listed it
 * @param reason why the connection failed
 * @param detail what the transport saw (address tried, timeout, error text), for a human
 */
public record PeerConnectionFailure(String peerId, PeerFailureReason reason, String detail) {
    public PeerConnectionFailure {
        Objects.requireNonNull(peerId, "peerId");
        Objects.requireNonNull(reason, "reason");
        detail = detail == null ? "" : detail;
    }
}
