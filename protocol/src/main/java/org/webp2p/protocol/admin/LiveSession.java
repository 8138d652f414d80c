package org.webp2p.protocol.admin;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.webp2p.protocol.ClientKind;

/**
 * A playback session pingback has heard from within its window, with the bytes its beacons reported
 * since the session's first beacon (a session silent for longer than the window starts again from 0).
 *
 * @param peerId the peer id its beacons carry (the one it announced to the tracker), or null before it has one
 */
public record LiveSession(String sessionId, @Nullable String peerId, String swarm, ClientKind client,
                          long httpBytes, long p2pBytes, long uploadedBytes, Instant lastBeacon) {
    public LiveSession {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(swarm, "swarm");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(lastBeacon, "lastBeacon");
        if (httpBytes < 0 || p2pBytes < 0 || uploadedBytes < 0) {
            throw new IllegalArgumentException("session byte counts must not be negative");
        }
    }
}
