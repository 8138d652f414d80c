package org.webp2p.protocol.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import org.webp2p.protocol.ClientKind;
import org.webp2p.protocol.Require;

/**
 * {@code POST /v1/sessions}: the stream a client wants to play, its token, what kind of client it is
 * and the peer ID it will use.
 *
 * @param token  the API token; null when the stream is open to all, and then left out
 * @param client {@code browser} for the player page; null (left out) for the SDK
 * @param peerId the peer ID the client announces and beacons with, which its session ticket then
 *               names, so no one else can use the ticket as that peer; null (left out) binds none
 */
public record SessionRequest(String stream, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String token,
                             @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable ClientKind client,
                             @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String peerId) {
    public SessionRequest {
        if (stream == null || stream.isBlank()) {
            throw new IllegalArgumentException("stream is required");
        }
        if (peerId != null) {
            Require.id(peerId, "peerId");
        }
    }

    /** A request that binds no peer ID. */
    public SessionRequest(String stream, @Nullable String token) {
        this(stream, token, null, null);
    }
}
