package org.webp2p.server.api;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.webp2p.server.auth.TokenSecret;
import org.webp2p.server.config.Config;

/**
 * Signs access tokens with a node's own secret, for the tools that hand them out beside the API:
 * the admin endpoint, the console and the simulator.
 */
public final class TokenIssuer {
    private final TokenCodec codec;
    private final Clock clock;

    public TokenIssuer(Config config, Path dataDir, Clock clock) throws IOException {
        this.codec = new TokenCodec(TokenSecret.load(config, dataDir));
        this.clock = clock;
    }

    /** A token for playing {@code stream} ({@code *} for any) for {@code life}, noting who it is for. */
    public String issue(String stream, String subject, Duration life) {
        Instant now = clock.instant();
        return codec.sign(new AccessToken(stream, subject, now, now.plus(life)));
    }
}
