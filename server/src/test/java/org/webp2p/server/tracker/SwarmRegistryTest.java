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
                10, new SegmentRange(5, 10), 1000, null, null);
    }

    private static AnnounceRequest leave(String swarm, String peer) {
        return new AnnounceRequest(swarm, peer, AnnounceEvent.LEAVE, null, null, 0, null, 0, null, null);
    }

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void peersLearnOnlyTheirOwnSwarm() throws Exception {
        registry.announce(join("cats", "c1"), ip("198.51.100.1"), "s-c1");
        registry.announce(join("dogs", "d1"), ip("198.51.100.2"), "s-d1");
        assertThat(registry.announce(join("cats", "c2"), ip("198.51.100.3"), "s-c2").peers())
                .extracting(PeerRecord::peerId).containsExactly("c1");
        assertThat(registry.announce(join("dogs", "d2"), ip("198.51.100.4"), "s-d2").peers())
                .extracting(PeerRecord::peerId).containsExactly("d1");
    }

    @Test
    void peerThatMissesTwoIntervalsExpires() throws Exception {
        registry.announce(join("cats", "old"), ip("198.51.100.1"), "s-old");
        clock.advance(Duration.ofSeconds(20));
        registry.announce(join("cats", "fresh"), ip("198.51.100.2"), "s-fresh");
        clock.advance(Duration.ofSeconds(11));
        assertThat(registry.peers("cats")).extracting(PeerRecord::peerId).containsExactly("fresh");
        assertThat(registry.expired()).isEqualTo(1);
    }

    @Test
    void regularUpdatesKeepAPeerAndItsJoinTime() throws Exception {
        Instant joined = clock.instant();
        registry.announce(join("cats", "p"), ip("198.51.100.1"), "s-p");
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(15));
            registry.announce(new AnnounceRequest("cats", "p", AnnounceEvent.UPDATE, NatType.FULL_CONE, List.of(),
                    20 + i, null, 0, null, null), ip("198.51.100.1"), "s-p");
        }
        assertThat(registry.peers("cats")).singleElement().satisfies(p -> {
            assertThat(p.joined()).isEqualTo(joined);
            assertThat(p.position()).isEqualTo(24);
        });
    }

    @Test
    void leaveRemovesAtOnceAndEmptySwarmsDisappear() throws Exception {
        registry.announce(join("cats", "p"), ip("198.51.100.1"), "s-p");
        registry.announce(leave("cats", "p"), ip("198.51.100.1"), "s-p");
        registry.expireAll();
        assertThat(registry.peers("cats")).isEmpty();
        assertThat(registry.swarms()).isEmpty();
    }

    @Test
    void refusesJoinsBeyondTheSwarmAndAddressLimits() throws Exception {
        registry.announce(join("cats", "a"), ip("198.51.100.1"), "s-a");
        registry.announce(join("cats", "b"), ip("198.51.100.1"), "s-b");
        assertThatThrownBy(() -> registry.announce(join("cats", "c"), ip("198.51.100.1"), "s-c"))
                .isInstanceOf(AnnounceRefusedException.class).hasMessageContaining("198.51.100.1 already has 2");
        registry.announce(join("cats", "c"), ip("198.51.100.2"), "s-c");
        assertThatThrownBy(() -> registry.announce(join("cats", "d"), ip("198.51.100.3"), "s-d"))
                .isInstanceOf(AnnounceRefusedException.class).hasMessageContaining("is full");
        assertThat(registry.announce(join("cats", "a"), ip("198.51.100.1"), "s-a").peers())
                .as("a known peer may always refresh").hasSize(2);
        assertThat(registry.refused()).isEqualTo(2);
        assertThat(registry.refused(Reason.ADDRESS)).isEqualTo(1);
        assertThat(registry.refused(Reason.SWARM_FULL)).isEqualTo(1);
    }

    @Test
    void aNewSwarmBeyondTheMostSwarmsIsRefusedUntilOneEmpties() throws Exception {
        registry.announce(join("cats", "c"), ip("198.51.100.1"), "s-c");
        registry.announce(join("dogs", "d"), ip("198.51.100.1"), "s-d");
        assertThatThrownBy(() -> registry.announce(join("owls", "o"), ip("198.51.100.1"), "s-o"))
                .isInstanceOfSatisfying(AnnounceRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.SWARMS)).hasMessageContaining("most swarms (2)");
        assertThat(registry.swarms()).extracting(SwarmSummary::swarm).containsExactlyInAnyOrder("cats", "dogs");
        assertThat(registry.announce(join("cats", "c2"), ip("198.51.100.2"), "s-c2").swarmSize())
                .as("swarms held still take peers").isEqualTo(2);

        registry.announce(leave("dogs", "d"), ip("198.51.100.1"), "s-d");
        registry.expireAll();
        registry.announce(join("owls", "o"), ip("198.51.100.1"), "s-o");
        assertThat(registry.refused(Reason.SWARMS)).isEqualTo(1);
    }

    @Test
    void onlyThePeersOwnSessionMayMakeItLeave() throws Exception {
        registry.announce(join("cats", "victim"), ip("198.51.100.1"), "s-victim");
        assertThatThrownBy(() -> registry.announce(leave("cats", "victim"), ip("203.0.113.66"), "s-stranger"))
                .isInstanceOfSatisfying(AnnounceRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_OWNER));
        assertThat(registry.peers("cats")).extracting(PeerRecord::peerId).containsExactly("victim");

        registry.announce(leave("cats", "victim"), ip("198.51.100.1"), "s-victim");
        assertThat(registry.peers("cats")).isEmpty();
    }

    @Test
    void aStrangerCannotOverwriteAPeersAddressesAndAnIdFreesWhenItsPeerIsGone() throws Exception {
        registry.announce(join("cats", "victim"), ip("198.51.100.1"), "s-victim");
        AnnounceRequest hijack = new AnnounceRequest("cats", "victim", AnnounceEvent.UPDATE, NatType.OPEN,
                List.of("203.0.113.66:1935"), 10, null, 0, null, null);
        assertThatThrownBy(() -> registry.announce(hijack, ip("203.0.113.66"), "s-stranger"))
                .isInstanceOf(AnnounceRefusedException.class).hasMessageContaining("belongs to another session");
        assertThat(registry.peers("cats")).singleElement()
                .satisfies(p -> assertThat(p.addresses()).containsExactly("192.0.2.1:1935"));
        assertThat(registry.refused(Reason.NOT_OWNER)).isEqualTo(1);

        clock.advance(Duration.ofSeconds(31));
        registry.announce(hijack, ip("203.0.113.66"), "s-stranger");
        assertThat(registry.peers("cats")).singleElement()
                .satisfies(p -> assertThat(p.addresses()).containsExactly("203.0.113.66:1935"));
    }

    @Test
    void aSessionIsOnePeerOfItsSwarm() throws Exception {
        registry.announce(join("cats", "first"), ip("198.51.100.1"), "s1");
        assertThatThrownBy(() -> registry.announce(join("cats", "second"), ip("198.51.100.1"), "s1"))
                .isInstanceOf(AnnounceRefusedException.class).hasMessageContaining("peer first of swarm cats already");
        registry.announce(leave("cats", "first"), ip("198.51.100.1"), "s1");
        registry.announce(join("cats", "second"), ip("198.51.100.1"), "s1");
        assertThat(registry.peers("cats")).extracting(PeerRecord::peerId).containsExactly("second");
    }
}
