package org.webp2p.server.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.webp2p.nat.NatType;
import org.webp2p.protocol.admin.PeerRecord;
import org.webp2p.protocol.tracker.SegmentRange;

class PeerSelectorTest {
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final Duration INTERVAL = Duration.ofSeconds(15);
    private final PeerSelector selector = new PeerSelector(6);

    private static PeerRecord peer(String id, String ip, NatType nat, long position, SegmentRange have, int upload) {
        try {
            return new PeerRecord(id, "demo", InetAddress.getByName(ip), nat, List.of(ip + ":1935"), position, have,
                    upload, NOW, NOW);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void neverOffersSymmetricToSymmetricNorTheAskerItself() {
        PeerRecord asker = peer("a", "198.51.100.1", NatType.SYMMETRIC, 100, null, 500);
        List<PeerRecord> pool = List.of(asker,
                peer("sym", "203.0.113.2", NatType.SYMMETRIC, 100, new SegmentRange(95, 110), 5000),
                peer("prc", "203.0.113.3", NatType.PORT_RESTRICTED_CONE, 100, new SegmentRange(95, 110), 5000),
                peer("full", "203.0.113.4", NatType.FULL_CONE, 100, null, 10));
        assertThat(selector.select(asker, pool, 10, INTERVAL, NOW)).extracting(PeerRecord::peerId)
                .containsExactly("full");
    }

    @Test
    void prefersPeersOnTheSameNetwork() {
        PeerRecord asker = peer("a", "198.51.100.1", NatType.FULL_CONE, 100, null, 0);
        List<PeerRecord> pool = List.of(
                peer("far", "203.0.113.9", NatType.FULL_CONE, 100, null, 0),
                peer("subnet", "198.51.100.77", NatType.FULL_CONE, 100, null, 0),
                peer("same", "198.51.100.1", NatType.FULL_CONE, 100, null, 0));
        assertThat(selector.select(asker, pool, 3, INTERVAL, NOW)).extracting(PeerRecord::peerId)
                .containsExactly("same", "subnet", "far");
    }

    @Test
    void peersBehindOnePublicAddressWithoutLocalAddressesComeLastSinceNatsDoNotHairpin() {
        PeerRecord asker = peer("a", "198.51.100.1", NatType.FULL_CONE, 100, null, 0);
        List<PeerRecord> pool = List.of(
                withoutAddresses(peer("sameNoLocal", "198.51.100.1", NatType.FULL_CONE, 100, null, 0)),
                peer("far", "203.0.113.9", NatType.FULL_CONE, 100, null, 0),
                peer("sameWithLocal", "198.51.100.1", NatType.FULL_CONE, 100, null, 0));
        assertThat(selector.select(asker, pool, 3, INTERVAL, NOW)).extracting(PeerRecord::peerId)
                .containsExactly("sameWithLocal", "far", "sameNoLocal");
        assertThat(selector.select(withoutAddresses(asker), pool, 3, INTERVAL, NOW)).extracting(PeerRecord::peerId)
                .as("an asker without local addresses cannot meet anyone behind its own NAT either")
                .hasSize(3).startsWith("far");
    }

    @Test
    void aPeerWhoseNatIsStillUnknownIsPairedLikeASymmetricOne() {
        PeerRecord unknown = peer("u", "198.51.100.1", NatType.UNKNOWN, 100, null, 0);
        List<PeerRecord> pool = List.of(
                peer("prc", "203.0.113.1", NatType.PORT_RESTRICTED_CONE, 100, null, 0),
                peer("sym", "203.0.113.2", NatType.SYMMETRIC, 100, null, 0),
                peer("full", "203.0.113.3", NatType.FULL_CONE, 100, null, 0),
                peer("other", "203.0.113.4", NatType.UNKNOWN, 100, null, 0));
        assertThat(selector.select(unknown, pool, 4, INTERVAL, NOW)).extracting(PeerRecord::peerId)
                .containsExactly("full");
        PeerRecord portRestricted = peer("p", "198.51.100.2", NatType.PORT_RESTRICTED_CONE, 100, null, 0);
        assertThat(selector.select(portRestricted, List.of(unknown, pool.get(2)), 4, INTERVAL, NOW))
                .extracting(PeerRecord::peerId).containsExactly("full");
    }

    private static PeerRecord withoutAddresses(PeerRecord p) {
        return new PeerRecord(p.peerId(), p.swarm(), p.source(), p.natType(), List.of(), p.position(), p.have(),
                p.uploadKbps(), p.joined(), p.lastSeen());
    }

    @Test
    void prefersHoldersOfTheSegmentsNeededNext() {
        PeerRecord asker = peer("a", "198.51.100.1", NatType.OPEN, 100, null, 0);
        List<PeerRecord> pool = List.of(
                peer("stale", "203.0.113.1", NatType.OPEN, 100, new SegmentRange(80, 95), 0),
                peer("partial", "203.0.113.2", NatType.OPEN, 100, new SegmentRange(90, 102), 0),
                peer("all", "203.0.113.3", NatType.OPEN, 100, new SegmentRange(96, 108), 0));
        assertThat(selector.select(asker, pool, 3, INTERVAL, NOW)).extracting(PeerRecord::peerId)
                .containsExactly("all", "partial", "stale");
    }

    @Test
    void prefersNearbyPlaybackPositionThenUploadCapacity() {
        PeerRecord asker = peer("a", "198.51.100.1", NatType.OPEN, 100, null, 0);
        List<PeerRecord> pool = List.of(
                peer("behind", "203.0.113.1", NatType.OPEN, 60, null, 4000),
                peer("nearSlow", "203.0.113.2", NatType.OPEN, 101, null, 100),
                peer("nearFast", "203.0.113.3", NatType.OPEN, 101, null, 4000));
        assertThat(selector.select(asker, pool, 3, INTERVAL, NOW)).extracting(PeerRecord::peerId)
                .containsExactly("nearFast", "nearSlow", "behind");
    }

    @Test
    void ranksUnknownNatBelowKnownCompatibleOnes() {
        PeerRecord asker = peer("a", "198.51.100.1", NatType.RESTRICTED_CONE, 100, null, 0);
        List<PeerRecord> pool = List.of(
                peer("unknown", "203.0.113.1", NatType.UNKNOWN, 100, null, 0),
                peer("known", "203.0.113.2", NatType.PORT_RESTRICTED_CONE, 100, null, 0));
        assertThat(selector.select(asker, pool, 2, INTERVAL, NOW)).extracting(PeerRecord::peerId)
                .containsExactly("known", "unknown");
    }

    @Test
    void listIsBoundedAndEqualAskersAreSpreadOverTheSwarm() {
        List<PeerRecord> pool = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            pool.add(peer("p" + i, "203.0.113." + i, NatType.FULL_CONE, 100, null, 0));
        }
        Set<String> offered = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            List<PeerRecord> got = selector.select(peer("asker" + i, "198.51.100.1", NatType.FULL_CONE, 100, null, 0),
                    pool, 5, INTERVAL, NOW);
            assertThat(got).hasSize(5);
            got.forEach(p -> offered.add(p.peerId()));
        }
        assertThat(offered.size()).as("distinct peers offered to 20 identical askers").isGreaterThan(40);
    }
}
