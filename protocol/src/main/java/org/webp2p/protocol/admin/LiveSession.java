package org.webp2p.protocol.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.webp2p.protocol.ClientKind;
import org.webp2p.protocol.pingback.Beacon;

/**
 * A playback session pingback has heard from within its window, with the bytes its beacons reported
 * since the session's first beacon (a session silent for longer than the window starts again from 0).
 *
 * @param peerId   the peer id its beacons carry (the one it announced to the tracker), or null before it has one
 * @param attempts its latest peer connection attempts, oldest first (at most {@link #MAX_ATTEMPTS});
 *                 left out when none, and by nodes older than this field
 * @param attemptCounts how many of its attempts ended each way, by far NAT type, outcome and reason,
 *                 over every beacon since the session's first: all its attempts, not only the latest;
 *                 left out when none, and by nodes older than this field
 * @param rendition the rendition its latest beacon said it plays; null (left out) when that told none
 */
public record LiveSession(String sessionId, @Nullable String peerId, String swarm, ClientKind client,
                          long httpBytes, long p2pBytes, long uploadedBytes, Instant lastBeacon,
                          @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Beacon.Attempt> attempts,
                          @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Beacon.AttemptCount> attemptCounts,
                          @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String rendition) {
    /** Attempts kept per session: enough to see a pattern, few enough for every peer of a swarm. */
    public static final int MAX_ATTEMPTS = 16;

    public LiveSession {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(swarm, "swarm");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(lastBeacon, "lastBeacon");
        if (httpBytes < 0 || p2pBytes < 0 || uploadedBytes < 0) {
            throw new IllegalArgumentException("session byte counts must not be negative");
        }
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
        attemptCounts = attemptCounts == null ? List.of() : List.copyOf(attemptCounts);
    }

    /** A session whose beacons name no rendition. */
    public LiveSession(String sessionId, @Nullable String peerId, String swarm, ClientKind client, long httpBytes,
                       long p2pBytes, long uploadedBytes, Instant lastBeacon, List<Beacon.Attempt> attempts,
                       List<Beacon.AttemptCount> attemptCounts) {
        this(sessionId, peerId, swarm, client, httpBytes, p2pBytes, uploadedBytes, lastBeacon, attempts, attemptCounts,
                null);
    }

    /** The swarm it is a peer of: its rendition's ({@code STREAM/RENDITION}) when it told one, else its stream's. */
    public String peerSwarm() {
        return rendition == null ? swarm : swarm + "/" + rendition;
    }

    /** A session with its latest attempts and no counts (from a node older than the counts). */
    public LiveSession(String sessionId, @Nullable String peerId, String swarm, ClientKind client, long httpBytes,
                       long p2pBytes, long uploadedBytes, Instant lastBeacon, List<Beacon.Attempt> attempts) {
        this(sessionId, peerId, swarm, client, httpBytes, p2pBytes, uploadedBytes, lastBeacon, attempts, List.of());
    }

    /** A session whose beacons told of no connection attempts. */
    public LiveSession(String sessionId, @Nullable String peerId, String swarm, ClientKind client, long httpBytes,
                       long p2pBytes, long uploadedBytes, Instant lastBeacon) {
        this(sessionId, peerId, swarm, client, httpBytes, p2pBytes, uploadedBytes, lastBeacon, List.of(), List.of());
    }
}
