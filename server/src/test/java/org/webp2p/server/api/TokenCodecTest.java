package org.webp2p.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenCodecTest {
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private final TokenCodec codec = new TokenCodec("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    private final AccessToken demo = new AccessToken("demo", "viewer-7", NOW, NOW.plus(Duration.ofHours(1)));

    private TokenException.Reason refusal(String token, String stream, Instant at) {
        try {
            codec.verify(token, stream, at);
        } catch (TokenException e) {
            return e.reason();
        }
        throw new AssertionError("token was accepted");
    }

    @Test
    void acceptsItsOwnTokenForTheStreamBeforeExpiry() throws TokenException {
        String token = codec.sign(demo);
        assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        assertThat(codec.verify(token, "demo", NOW.plusSeconds(3599))).isEqualTo(demo);
    }

    @Test
    void rejectsExpiredToken() {
        assertThat(refusal(codec.sign(demo), "demo", NOW.plusSeconds(3600))).isEqualTo(TokenException.Reason.EXPIRED);
    }

    @Test
    void rejectsTokenScopedToAnotherStream() {
        assertThat(refusal(codec.sign(demo), "sports", NOW)).isEqualTo(TokenException.Reason.WRONG_STREAM);
    }

    @Test
    void wildcardTokenCoversEveryStream() throws TokenException {
        String any = codec.sign(new AccessToken("*", "", NOW, NOW.plusSeconds(60)));
        assertThat(codec.verify(any, "sports", NOW).stream()).isEqualTo("*");
    }

    @Test
    void rejectsTamperedPayloadAndForeignSecret() {
        String token = codec.sign(demo);
        String widened = codec.sign(new AccessToken("*", "", NOW, NOW.plusSeconds(60)));
        String forged = widened.substring(0, widened.indexOf('.')) + token.substring(token.indexOf('.'));
        assertThat(refusal(forged, "demo", NOW)).isEqualTo(TokenException.Reason.BAD_SIGNATURE);

        TokenCodec other = new TokenCodec("another-secret-another-secret!!!".getBytes(StandardCharsets.US_ASCII));
        assertThat(refusal(other.sign(demo), "demo", NOW)).isEqualTo(TokenException.Reason.BAD_SIGNATURE);
    }

    @Test
    void rejectsMissingAndMalformedTokens() {
        assertThat(refusal(null, "demo", NOW)).isEqualTo(TokenException.Reason.MISSING);
        assertThat(refusal("", "demo", NOW)).isEqualTo(TokenException.Reason.MISSING);
        assertThat(refusal("nodot", "demo", NOW)).isEqualTo(TokenException.Reason.MALFORMED);
        assertThat(refusal("a.b.c", "demo", NOW)).isEqualTo(TokenException.Reason.MALFORMED);
        assertThat(refusal("abc.!!!", "demo", NOW)).isEqualTo(TokenException.Reason.MALFORMED);
        assertThat(refusal("x".repeat(5000) + ".y", "demo", NOW)).isEqualTo(TokenException.Reason.MALFORMED);
    }

    @Test
    void refusesShortSecrets() {
        assertThatThrownBy(() -> new TokenCodec(new byte[8])).isInstanceOf(IllegalArgumentException.class);
    }
}
