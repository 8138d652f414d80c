package org.webp2p.protocol.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import org.webp2p.protocol.ClientKind;

/**
 * {@code POST /v1/sessions}: the stream a client wants to play, its token and what kind of client it is.
 *
 * @param token  the API token; null when the stream is open to all, and then left out
 * @param client {@code browser} for the player page; null (left out) for the SDK
 */
public record SessionRequest(String stream, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String token,
                             @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable ClientKind client) {
    public SessionRequest {
        if (stream == null || stream.isBlank()) {
            throw new IllegalArgumentException("stream is required");
        }
    }

    /** An SDK client's request. */
    public SessionRequest(String stream, @Nullable String token) {
        this(stream, token, null);
    }
}
