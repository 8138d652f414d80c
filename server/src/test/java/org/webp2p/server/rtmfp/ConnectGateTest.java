package org.webp2p.server.rtmfp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.webp2p.nat.NatType;
import org.webp2p.server.api.AccessToken;
import org.webp2p.server.api.OpenStreams;
import org.webp2p.server.api.TokenCodec;

class ConnectGateTest {
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final TokenCodec TOKENS = new TokenCodec("0123456789abcdef0123456789abcdef".getBytes());
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final OpenStreams CLOSED = new OpenStreams(false, Set.of());

    private static String token(String stream, Duration validFor) {
        return TOKENS.sign(new AccessToken(stream, "viewer", NOW.minusSeconds(60), NOW.plus(validFor)));
    }

    private static ConnectRequest request(String stream, String token) {
        return new ConnectRequest(stream, token, NatType.UNKNOWN);
    }

    @Test
    void admitsATokenForTheNamedStream() {
        ConnectGate gate = new ConnectGate(TOKENS, true, CLOSED, CLOCK);

        assertThat(gate.refusal(request("news", token("news", Duration.ofHours(1))))).isEmpty();
        assertThat(gate.refusal(request("news", token(AccessToken.ANY_STREAM, Duration.ofHours(1))))).isEmpty();
    }

    @Test
    void refusesMissingWrongStreamAndExpiredTokensSayingWhy() {
        ConnectGate gate = new ConnectGate(TOKENS, true, CLOSED, CLOCK);

        assertThat(gate.refusal(request("news", ""))).hasValueSatisfying(why -> assertThat(why).contains("required"));
        assertThat(gate.refusal(request("news", token("sport", Duration.ofHours(1)))))
                .hasValueSatisfying(why -> assertThat(why).contains("not news"));
        assertThat(gate.refusal(request("news", token("news", Duration.ZERO))))
                .hasValueSatisfying(why -> assertThat(why).contains("expired"));
    }

    @Test
    void admitsAConnectWithoutATokenToAnOpenStreamButStillChecksAGivenOne() {
        ConnectGate gate = new ConnectGate(TOKENS, true, new OpenStreams(false, Set.of("demo")), CLOCK);

        assertThat(gate.refusal(request("demo", ""))).isEmpty();
        assertThat(gate.refusal(request("news", ""))).isPresent();
        assertThat(gate.refusal(request("demo", token("sport", Duration.ofHours(1))))).isPresent();
    }

    @Test
    void admitsAnythingWhenTokensAreNotRequired() {
        assertThat(new ConnectGate(TOKENS, false, CLOSED, CLOCK).refusal(request("", "garbage"))).isEmpty();
    }
}
