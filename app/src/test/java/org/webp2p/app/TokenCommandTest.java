package org.webp2p.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.webp2p.server.api.AccessToken;
import org.webp2p.server.api.TokenCodec;
import org.webp2p.server.api.TokenException;
import org.webp2p.server.auth.TokenSecret;
import org.webp2p.server.config.Config;

class TokenCommandTest extends CommandLineHarness {
    @Test
    void printsATokenTheApiAcceptsForThatStreamAndTtl() throws Exception {
        assertThat(run("token", "--data-dir", dir.toString(), "--stream", "demo", "--ttl", "2h", "--subject", "qa"))
                .isZero();
        String token = out.toString().trim();
        TokenCodec codec = new TokenCodec(TokenSecret.load(Config.defaults(), dir));
        AccessToken t = codec.verify(token, "demo", Instant.now());
        assertThat(t.subject()).isEqualTo("qa");
        assertThat(Duration.between(t.issuedAt(), t.expiresAt())).isEqualTo(Duration.ofHours(2));
        assertThat(dir.resolve(TokenSecret.FILE_NAME)).exists();
        try {
            codec.verify(token, "other", Instant.now());
            throw new AssertionError("scope ignored");
        } catch (TokenException e) {
            assertThat(e.reason()).isEqualTo(TokenException.Reason.WRONG_STREAM);
        }
    }

    @Test
    void secretFromConfigurationIsUsedWhenSet() throws Exception {
        String secret = Base64.getEncoder().encodeToString("0123456789abcdef0123".getBytes());
        assertThat(run("token", "--data-dir", dir.toString(), "--set", "api.token-secret=" + secret,
                "--stream", "*")).isZero();
        new TokenCodec("0123456789abcdef0123".getBytes()).verify(out.toString().trim(), "anything", Instant.now());
        assertThat(dir.resolve(TokenSecret.FILE_NAME)).doesNotExist();
    }

    @Test
    void badTtlOrStreamIsAUsageError() {
        assertThat(run("token", "--data-dir", dir.toString(), "--stream", "demo", "--ttl", "forever")).isEqualTo(2);
        assertThat(err.toString()).contains("--ttl must be a duration");
        assertThat(run("token", "--data-dir", dir.toString(), "--stream", "../x")).isEqualTo(2);
        assertThat(run("token", "--data-dir", dir.toString())).as("--stream is required").isEqualTo(2);
    }

    @Test
    void helpDescribesTheCommand() {
        assertThat(run("token", "--help")).isZero();
        assertThat(out.toString()).contains("--stream", "--ttl", "--subject", "Exit codes:");
    }
}
