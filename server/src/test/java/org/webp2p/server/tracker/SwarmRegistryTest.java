package org.webp2p.server.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.webp2p.nat.NatType;
import org.webp2p.protocol.admin.PeerRecord;
import org.webp2p.protocol.admin.SwarmSummary;
import org.webp2p.protocol.tracker.AnnounceEvent;
import org.webp2p.protocol.tracker.AnnounceRequest;
import org.webp2p.protocol.tracker.SegmentRange;
import org.webp2p.server.MutableClock;
import org.webp2p.server.tracker.AnnounceRefusedException.Reason;

class SwarmRegistryTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
    private final SwarmRegistry registry = new SwarmRegistry(clock, Duration.ofSeconds(15),
            new SwarmRegistry.Limits(3, 2, 10, 2), new PeerSelector(6));

    private static AnnounceRequest join(String swarm, String peer) {
        return new AnnounceRequest(swarm, peer, AnnounceEvent.JOIN, NatType.FULL_CONE, List.of("192.0.2.1:1935"),
                10, new SegmentRange(5, 10), 1000, null);
    }

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void peersLearnOnlyTheirOwnSwarm() throws Exception {
        registry.announce(join("cats", "c1"), ip("198.51.100.1"));
        registry.announce(join("dogs", "d1"), ip("198.51.100.2"));
        assertThat(registry.announce(join("cats", "c2"), ip("198.51.100.3")).peers())
                .extracting(PeerRecord::peerId).containsExactly("c1");
        assertThat(registry.announce(join("dogs", "d2"), ip("198.51.100.4")).peers())
                .extracting(PeerRecord::peerId).containsExactly("d1");
    }

    @Test
    void peerThatMissesTwoIntervalsExpires() throws Exception {
        registry.announce(join("cats", "old"), ip("198.51.100.1"));
        clock.advance(Duration.ofSeconds(20));
        registry.announce(join("cats", "fresh"), ip("198.51.100.2"));
        clock.advance(Duration.ofSeconds(11));
        assertThat(registry.peers("cats")).extracting(PeerRecord::peerId).containsExactly("fresh");
        assertThat(registry.expired()).isEqualTo(1);
    }

    @Test
    void regularUpdatesKeepAPeerAndItsJoinTime() throws Exception {
        Instant joined = clock.instant();
        registry.announce(join("cats", "p"), ip("198.51.100.1"));
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(15));
            registry.announce(new AnnounceRequest("cats", "p", AnnounceEvent.UPDATE, NatType.FULL_CONE, List.of(),
                    20 + i, null, 0, null), ip("198.51.100.1"));
        }
        assertThat(registry.peers("cats")).singleElement().satisfies(p -> {
            assertThat(p.joined()).isEqualTo(joined);
            assertThat(p.position()).isEqualTo(24);
        });
    }

    @Test
    void leaveRemovesAtOnceAndEmptySwarmsDisappear() throws Exception {
        registry.announce(join("cats", "p"), ip("198.51.100.1"));
        registry.announce(new AnnounceRequest("cats", "p", AnnounceEvent.LEAVE, null, null, 0, null, 0, null),
                ip("198.51.100.1"));
        registry.expireAll();
        assertThat(registry.peers("cats")).isEmpty();
        assertThat(registry.swarms()).isEmpty();
    }

    @Test
    void refusesJoinsBeyondTheSwarmAndAddressLimits() throws Exception {
        registry.announce(join("cats", "a"), ip("198.51.100.1"));
        registry.announce(join("cats", "b"), ip("198.51.100.1"));
        assertThatThrownBy(() -> registry.announce(join("cats", "c"), ip("198.51.100.1")))
                .isInstanceOf(AnnounceRefusedException.class).hasMessageContaining("198.51.100.1 already has 2");
        registry.announce(join("cats", "c"), ip("198.51.100.2"));
        assertThatThrownBy(() -> registry.announce(join("cats", "d"), ip("198.51.100.3")))
                .isInstanceOf(AnnounceRefusedException.class).hasMessageContaining("is full");
        assertThat(registry.announce(join("cats", "a"), ip("198.51.100.1")).peers())
                .as("a known peer may always refresh").hasSize(2);
        assertThat(registry.refused()).isEqualTo(2);
        assertThat(registry.refused(Reason.ADDRESS)).isEqualTo(1);
        assertThat(registry.refused(Reason.SWARM_FULL)).isEqualTo(1);
    }

    @Test
    void aNewSwarmBeyondTheMostSwarmsIsRefusedUntilOneEmpties() throws Exception {
        registry.announce(join("cats", "c"), ip("198.51.100.1"));
        registry.announce(join("dogs", "d"), ip("198.51.100.1"));
        assertThatThrownBy(() -> registry.announce(join("owls", "o"), ip("198.51.100.1")))
                .isInstanceOfSatisfying(AnnounceRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.SWARMS)).hasMessageContaining("most swarms (2)");
        assertThat(registry.swarms()).extracting(SwarmSummary::swarm).containsExactlyInAnyOrder("cats", "dogs");
        assertThat(registry.announce(join("cats", "c2"), ip("198.51.100.2")).swarmSize())
                .as("swarms held still take peers").isEqualTo(2);

        registry.announce(new AnnounceRequest("dogs", "d", AnnounceEvent.LEAVE, null, null, 0, null, 0, null),
                ip("198.51.100.1"));
        registry.expireAll();
        registry.announce(join("owls", "o"), ip("198.51.100.1"));
        assertThat(registry.refused(Reason.SWARMS)).isEqualTo(1);
    }
}
