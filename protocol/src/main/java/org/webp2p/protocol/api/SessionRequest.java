package org.webp2p.protocol.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /v1/sessions}: the stream a client wants to play and its token.
 *
 * @param token the API token; null when the node runs open ({@code api.open}), and then left out
 */
public record SessionRequest(String stream, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String token) {
    public SessionRequest {
        if (stream == null || stream.isBlank()) {
            throw new IllegalArgumentException("stream is required");
        }
    }
}
