package org.webp2p.server.rtmfp;

import java.time.Clock;
import java.util.Optional;
import org.webp2p.server.api.OpenStreams;
import org.webp2p.server.api.TokenCodec;
import org.webp2p.server.api.TokenException;

/**
 * Admits or refuses a connect: when tokens are required, the token must verify for the stream the
 * connect names, exactly as the API checks it; a stream open to all needs none, as in the API.
 */
final class ConnectGate {
    private final TokenCodec tokens;
    private final boolean requireToken;
    private final OpenStreams open;
    private final Clock clock;

    /** @param requireToken false when {@code rendezvous.require-token} is off or {@code api.open} is on */
    ConnectGate(TokenCodec tokens, boolean requireToken, OpenStreams open, Clock clock) {
        this.tokens = tokens;
        this.requireToken = requireToken;
        this.open = open;
        this.clock = clock;
    }

    /** @return empty to admit, or why the connect is refused, for the {@code _error} description */
    Optional<String> refusal(ConnectRequest request) {
        boolean tokenless = request.token().isBlank();
        if (!requireToken || (tokenless && open.contains(request.stream()))) {
            return Optional.empty();
        }
        try {
            tokens.verify(request.token(), request.stream(), clock.instant());
            return Optional.empty();
        } catch (TokenException e) {
            return Optional.of(e.getMessage());
        }
    }
}
