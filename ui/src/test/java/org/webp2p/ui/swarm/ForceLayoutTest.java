package org.webp2p.ui.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.webp2p.nat.NatType;
import org.webp2p.protocol.ClientKind;

class ForceLayoutTest {

    private static List<GraphPeer> peers(int n) {
        List<GraphPeer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new GraphPeer("p" + i, ClientKind.SDK, NatType.values()[i % NatType.values().length], 100 * i));
        }
        return out;
    }

    private static void settle(ForceLayout layout) {
        for (int i = 0; i < 2000 && !layout.settled(); i++) {
            layout.step();
        }
    }

    private static Map<String, LaidOutPeer> byId(ForceLayout layout) {
        return layout.peers().stream().collect(Collectors.toMap(p -> p.peer().peerId(), p -> p));
    }

    @Test
    void spreadsPeersApartAndComesToRest() {
        ForceLayout layout = new ForceLayout(1);
        layout.update(peers(20), List.of());
        settle(layout);

        assertThat(layout.settled()).isTrue();
        List<LaidOutPeer> placed = layout.peers();
        assertThat(placed).hasSize(20);
        for (LaidOutPeer a : placed) {
            for (LaidOutPeer b : placed) {
                if (a != b) {
                    assertThat(Math.hypot(a.x() - b.x(), a.y() - b.y())).as("no two peers drawn on one another")
                            .isGreaterThan(a.radius() + b.radius());
                }
            }
            assertThat(Math.hypot(a.x(), a.y())).as("gravity keeps the swarm together").isLessThan(20 * ForceLayout.IDEAL);
        }
    }

    @Test
    void keepsKnownPeersInPlaceAndPlacesNewcomersNearTheCentre() {
        ForceLayout layout = new ForceLayout(2);
        layout.update(peers(10), List.of());
        settle(layout);
        Map<String, LaidOutPeer> before = byId(layout);

        List<GraphPeer> more = new ArrayList<>(peers(10));
        more.add(new GraphPeer("newcomer", ClientKind.SDK, NatType.OPEN, 500));
        layout.update(more, List.of());
        Map<String, LaidOutPeer> after = byId(layout);

        assertThat(after).hasSize(11);
        before.forEach((id, p) -> assertThat(after.get(id).x()).isEqualTo(p.x()));
        assertThat(Math.hypot(after.get("newcomer").x(), after.get("newcomer").y())).isLessThanOrEqualTo(12);
        assertThat(layout.settled()).as("an arrival warms the layout up").isFalse();
    }

    @Test
    void fadesLeaversOutInPlaceThenDropsThem() {
        ForceLayout layout = new ForceLayout(3);
        layout.update(peers(5), List.of());
        settle(layout);
        LaidOutPeer leaver = byId(layout).get("p4");

        layout.update(peers(4), List.of());
        layout.step();
        LaidOutPeer fading = byId(layout).get("p4");
        assertThat(fading.leaving()).isTrue();
        assertThat(fading.opacity()).isBetween(0.0, 1.0);
        assertThat(fading.x()).isEqualTo(leaver.x());
        assertThat(layout.peerAt(fading.x(), fading.y())).as("a leaver cannot be selected")
                .map(p -> p.peer().peerId()).isNotEqualTo(Optional.of("p4"));

        for (int i = 0; i < ForceLayout.FADE_STEPS; i++) {
            layout.step();
        }
        assertThat(byId(layout)).doesNotContainKey("p4").hasSize(4);
    }

    @Test
    void aReturningPeerStopsFadingWhereItWas() {
        ForceLayout layout = new ForceLayout(4);
        layout.update(peers(3), List.of());
        settle(layout);
        layout.update(peers(2), List.of());
        layout.step();
        layout.update(peers(3), List.of());

        assertThat(byId(layout).get("p2").opacity()).isEqualTo(1.0);
    }

    @Test
    void heavierLinksHoldTheirPeersCloser() {
        ForceLayout layout = new ForceLayout(5);
        List<GraphPeer> four = peers(4);
        layout.update(four, List.of(new GraphLink("p0", "p1", 50_000_000), new GraphLink("p2", "p3", 10),
                new GraphLink("p1", "p2", 10)));
        settle(layout);
        Map<String, LaidOutPeer> at = byId(layout);

        double heavy = Math.hypot(at.get("p0").x() - at.get("p1").x(), at.get("p0").y() - at.get("p1").y());
        double light = Math.hypot(at.get("p2").x() - at.get("p3").x(), at.get("p2").y() - at.get("p3").y());
        assertThat(heavy).isLessThan(light);
        assertThat(layout.links()).hasSize(3).extracting(LaidOutLink::weight).contains(1.0);
    }

    @Test
    void ignoresLinksToPeersOutsideTheSwarm() {
        ForceLayout layout = new ForceLayout(6);
        layout.update(peers(2), List.of(new GraphLink("p0", "elsewhere", 100), new GraphLink("p0", "p1", 100)));

        assertThat(layout.links()).hasSize(1);
    }

    @Test
    void findsThePeerUnderAPointWithinItsRadius() {
        ForceLayout layout = new ForceLayout(7);
        layout.update(peers(6), List.of());
        settle(layout);
        LaidOutPeer p = byId(layout).get("p3");

        assertThat(layout.peerAt(p.x() + p.radius() / 2, p.y())).map(q -> q.peer().peerId()).contains("p3");
        assertThat(layout.peerAt(p.x() + 10 * ForceLayout.IDEAL, p.y())).isEmpty();
    }

    @Test
    void sizesPeersByTheirUpload() {
        assertThat(ForceLayout.radius(new GraphPeer("a", ClientKind.SDK, NatType.OPEN, 0))).isEqualTo(4);
        assertThat(ForceLayout.radius(new GraphPeer("a", ClientKind.SDK, NatType.OPEN, 1600))).isEqualTo(14);
        assertThat(ForceLayout.radius(new GraphPeer("a", ClientKind.SDK, NatType.OPEN, 100_000))).isEqualTo(16);
    }

    @Test
    void browsersOfferNoUploadFigureAndAreAllOneMiddleSize() {
        assertThat(ForceLayout.radius(new GraphPeer("b", ClientKind.BROWSER, NatType.UNKNOWN, 0)))
                .isEqualTo(ForceLayout.radius(new GraphPeer("c", ClientKind.BROWSER, NatType.UNKNOWN, 5000)))
                .isEqualTo(ForceLayout.BROWSER_RADIUS).isBetween(4.0, 16.0);
    }
}
