package org.webp2p.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.webp2p.protocol.ClientKind;
import org.webp2p.server.MutableClock;

class SessionRegistryTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final SessionOwner alice = new SessionOwner("subject alice");

    private SessionRegistry.Session open(SessionRegistry r, SessionOwner owner) throws Exception {
        return r.open("demo", "", owner, ClientKind.SDK, null, Instant.MAX);
    }

    @Test
    void anOwnerPastItsShareIsRefusedWhileOthersStillOpen() throws Exception {
        SessionRegistry r = new SessionRegistry(clock, Duration.ofMinutes(5), 100, 3);
        for (int i = 0; i < 3; i++) {
            open(r, alice);
        }
        assertThatThrownBy(() -> open(r, alice)).isInstanceOfSatisfying(SessionRegistry.LimitReachedException.class,
                e -> assertThat(e.limit()).isEqualTo(SessionRegistry.Limit.OWNER));
        open(r, new SessionOwner("subject bob"));
        assertThat(r.size()).isEqualTo(4);
    }

    @Test
    void anOwnersUnusedSessionsMakeRoomForItsNewOnes() throws Exception {
        SessionRegistry r = new SessionRegistry(clock, Duration.ofMinutes(5), 100, 2);
        SessionRegistry.Session kept = open(r, alice);
        open(r, alice);
        clock.advance(Duration.ofMinutes(4));
        assertThat(r.touch(kept.id())).isPresent();
        clock.advance(Duration.ofMinutes(2));

        open(r, alice);
        assertThat(r.size()).as("the one left unused is forgotten, the renewed one kept").isEqualTo(2);
        assertThat(r.touch(kept.id())).isPresent();
    }

    @Test
    void theRegistryAsAWholeIsBounded() throws Exception {
        SessionRegistry r = new SessionRegistry(clock, Duration.ofMinutes(5), 2, 10);
        open(r, alice);
        open(r, new SessionOwner("subject bob"));
        assertThatThrownBy(() -> open(r, new SessionOwner("subject carol")))
                .isInstanceOfSatisfying(SessionRegistry.LimitReachedException.class,
                        e -> assertThat(e.limit()).isEqualTo(SessionRegistry.Limit.TOTAL));
    }

    @Test
    void touchAfterTheTokenExpiredFailsAndForgetsTheSession() throws Exception {
        SessionRegistry r = new SessionRegistry(clock, Duration.ofHours(6), 100, 10);
        SessionRegistry.Session s = r.open("demo", "alice", alice, ClientKind.SDK, null, clock.instant().plusSeconds(30));
        clock.advance(Duration.ofSeconds(29));
        assertThat(r.touch(s.id())).isPresent();
        clock.advance(Duration.ofSeconds(1));

        assertThatThrownBy(() -> r.touch(s.id())).isInstanceOfSatisfying(TokenException.class,
                e -> assertThat(e.reason()).isEqualTo(TokenException.Reason.EXPIRED));
        assertThat(r.size()).isZero();
        assertThat(r.touch(s.id())).isEmpty();
    }

    @Test
    void sessionsWhoseTokenExpiredNoLongerCountAgainstTheirOwner() throws Exception {
        SessionRegistry r = new SessionRegistry(clock, Duration.ofHours(6), 100, 1);
        r.open("demo", "alice", alice, ClientKind.SDK, null, clock.instant().plusSeconds(30));
        clock.advance(Duration.ofSeconds(30));
        r.open("demo", "alice", alice, ClientKind.SDK, null, clock.instant().plusSeconds(30));
        assertThat(r.size()).isEqualTo(1);
    }
}
