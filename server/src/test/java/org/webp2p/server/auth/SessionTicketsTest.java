package org.webp2p.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.webp2p.server.api.AccessToken;
import org.webp2p.server.api.TokenCodec;

class SessionTicketsTest {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private final SessionTickets tickets = new SessionTickets(SECRET);
    private final SessionTicket demo = new SessionTicket("c2a8Zx0Ck3oQy6t1iJmN9w", "peer-7", "demo", "viewer-7",
            NOW, NOW.plus(Duration.ofMinutes(10)));

    private SessionTickets.Refusal refusal(SessionTickets.Result r) {
        assertThat(r).isInstanceOf(SessionTickets.Refused.class);
        return ((SessionTickets.Refused) r).refusal();
    }

    @Test
    void anyHolderOfTheSecretReadsBackWhatTheTicketVouchesFor() {
        String ticket = tickets.issue(demo);
        assertThat(ticket).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+").hasSizeLessThan(SessionTickets.MAX_LENGTH);
        SessionTickets.Result r = new SessionTickets(SECRET.clone()).verify(ticket, NOW.plusSeconds(599));
        assertThat(r).isEqualTo(new SessionTickets.Valid(demo));
    }

    @Test
    void aTicketWithoutAPeerCoversAnyPeerOfItsSession() {
        SessionTicket anyPeer = new SessionTicket("s1", null, "demo", "", NOW, NOW.plusSeconds(60));
        assertThat(tickets.verify(tickets.issue(anyPeer), NOW, "s1", "whoever", "demo"))
                .isEqualTo(new SessionTickets.Valid(anyPeer));
    }

    @Test
    void expiredTicketsAreRefusedAsExpired() {
        assertThat(refusal(tickets.verify(tickets.issue(demo), NOW.plus(Duration.ofMinutes(10)))))
                .isEqualTo(SessionTickets.Refusal.EXPIRED);
    }

    @Test
    void aGenuineTicketNamingAnotherSessionStreamOrPeerIsTheWrongSession() {
        String ticket = tickets.issue(demo);
        assertThat(tickets.verify(ticket, NOW, demo.sessionId(), "peer-7", "demo")).isInstanceOf(SessionTickets.Valid.class);
        assertThat(tickets.verify(ticket, NOW, demo.sessionId(), null, "demo")).isInstanceOf(SessionTickets.Valid.class);
        assertThat(refusal(tickets.verify(ticket, NOW, "someone-else", "peer-7", "demo")))
                .isEqualTo(SessionTickets.Refusal.WRONG_SESSION);
        assertThat(refusal(tickets.verify(ticket, NOW, demo.sessionId(), "peer-7", "sports")))
                .isEqualTo(SessionTickets.Refusal.WRONG_SESSION);
        assertThat(refusal(tickets.verify(ticket, NOW, demo.sessionId(), "peer-8", "demo")))
                .isEqualTo(SessionTickets.Refusal.WRONG_SESSION);
    }

    @Test
    void missingMalformedAlteredAndForeignTicketsAreInvalid() {
        String ticket = tickets.issue(demo);
        String other = tickets.issue(new SessionTicket("s2", null, "demo", "", NOW, NOW.plusSeconds(60)));
        String spliced = other.substring(0, other.indexOf('.')) + ticket.substring(ticket.indexOf('.'));
        String foreign = new SessionTickets("another-secret-another-secret!!!".getBytes(StandardCharsets.US_ASCII))
                .issue(demo);
        for (String bad : new String[] {null, "", "nodot", "a.b.c", "abc.!!!", spliced, foreign,
            "x".repeat(SessionTickets.MAX_LENGTH) + ".y"}) {
            assertThat(refusal(tickets.verify(bad, NOW))).as(String.valueOf(bad)).isEqualTo(SessionTickets.Refusal.INVALID);
        }
    }

    @Test
    void anAccessTokenIsNoTicketThoughBothAreSignedWithTheSameSecret() {
        String token = new TokenCodec(SECRET).sign(new AccessToken("demo", "x", NOW, NOW.plusSeconds(60)));
        assertThat(refusal(tickets.verify(token, NOW))).isEqualTo(SessionTickets.Refusal.INVALID);
    }

    @Test
    void aValueSignedWithTheTicketKeyThatIsNoTicketIsInvalid() {
        SignedPayload sameKey = new SignedPayload(SignedPayload.derive(SECRET, "webp2p session ticket v1"), 1024);
        String noSession = sameKey.sign(Map.of("v", 1, "stream", "demo", "since", 0, "exp", 9_999_999_999L));
        assertThat(refusal(tickets.verify(noSession, NOW))).isEqualTo(SessionTickets.Refusal.INVALID);
    }
}
