package org.webp2p.protocol.admin;

import java.util.Objects;
import org.webp2p.protocol.ClientKind;

/**
 * Live figures of one kind of client (browser pages or SDK players) within a swarm's figures, so
 * the offload of each can be told apart: a swarm of browsers sharing over WebRTC and one of SDK
 * players sharing over RTMFP do not help each other.
 *
 * @param sessions     sessions of this kind with a beacon in the window
 * @param offloadRatio bytes from peers over all bytes this kind downloaded; 0 when it downloaded nothing
 */
public record ClientFigures(ClientKind client, int sessions, long httpBytes, long p2pBytes, long uploadedBytes,
                            double offloadRatio) {
    public ClientFigures {
        Objects.requireNonNull(client, "client");
        if (sessions < 0 || httpBytes < 0 || p2pBytes < 0 || uploadedBytes < 0) {
            throw new IllegalArgumentException("client figures must not be negative");
        }
    }

    /** The figures of a kind that sent nothing in the window. */
    public static ClientFigures none(ClientKind client) {
        return new ClientFigures(client, 0, 0, 0, 0, 0);
    }
}
