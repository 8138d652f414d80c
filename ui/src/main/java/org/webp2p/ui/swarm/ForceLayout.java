package org.webp2p.ui.swarm;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.webp2p.protocol.ClientKind;

/**
 * A force-directed layout of one swarm (Fruchterman–Reingold with gravity), in layout units around
 * the origin, with no JavaFX in it so it can be tested and timed on its own.
 *
 * <p>It is built to stay readable while the swarm changes under it: peers already placed keep their
 * positions, newcomers start near the centre, and leavers stay in place while they fade out. Each
 * change warms the layout up again; with no change it cools until nothing moves, so a still swarm
 * costs nothing to lay out.
 */
public final class ForceLayout {
    /** Distance two linked peers settle at, and the unit of every other force. */
    static final double IDEAL = 60;
    /** Newcomers land within this distance of the centre, where gravity would bring them anyway. */
    private static final double ARRIVAL_SPREAD = 12;
    private static final double GRAVITY = 0.04;
    /** Largest move in one step, just after a change; it cools by COOLING each step. */
    private static final double HOT = 30;
    private static final double WARM = 12;
    private static final double COOLING = 0.96;
    private static final double STILL = 0.25;
    /** Steps a leaver takes to fade out: about half a second at 60 frames a second. */
    static final int FADE_STEPS = 30;

    private final Map<String, Body> bodies = new LinkedHashMap<>();
    private final Random random;
    private List<GraphLink> links = List.of();
    private long heaviest;
    private double temperature = HOT;

    /** {@code seed} fixes where newcomers land, so tests and benchmarks repeat. */
    public ForceLayout(long seed) {
        this.random = new Random(seed);
    }

    /**
     * Takes the swarm as it is now. Known peers keep their place (and take the new figures),
     * newcomers are placed near the centre, and peers no longer present start to fade out. Links
     * between peers that are not both present are ignored.
     */
    public void update(Collection<GraphPeer> peers, Collection<GraphLink> newLinks) {
        Set<String> present = new HashSet<>();
        boolean changed = false;
        for (GraphPeer p : peers) {
            present.add(p.peerId());
            Body b = bodies.get(p.peerId());
            if (b == null) {
                double angle = random.nextDouble() * 2 * Math.PI;
                double r = random.nextDouble() * ARRIVAL_SPREAD;
                bodies.put(p.peerId(), new Body(p, Math.cos(angle) * r, Math.sin(angle) * r));
                changed = true;
            } else {
                changed |= b.leftSteps >= 0;
                b.peer = p;
                b.leftSteps = -1;
            }
        }
        for (Body b : bodies.values()) {
            if (!present.contains(b.peer.peerId()) && b.leftSteps < 0) {
                b.leftSteps = 0;
                changed = true;
            }
        }
        List<GraphLink> kept = newLinks.stream()
                .filter(l -> present.contains(l.from()) && present.contains(l.to())).toList();
        changed |= !kept.equals(links);
        links = kept;
        heaviest = links.stream().mapToLong(GraphLink::bytes).max().orElse(0);
        if (changed) {
            temperature = Math.max(temperature, bodies.size() == present.size() ? WARM : HOT);
        }
    }

    /** Moves every present peer one step along its net force and fades leavers a step further. */
    public void step() {
        List<Body> active = new ArrayList<>(bodies.size());
        for (Body b : bodies.values()) {
            if (b.leftSteps < 0) {
                active.add(b);
                b.fx = 0;
                b.fy = 0;
            }
        }
        if (temperature >= STILL) {
            repel(active);
            attract();
            move(active);
            temperature *= COOLING;
        }
        bodies.values().removeIf(b -> b.leftSteps >= 0 && ++b.leftSteps >= FADE_STEPS);
    }

    private static void repel(List<Body> active) {
        double k2 = IDEAL * IDEAL;
        for (int i = 0; i < active.size(); i++) {
            Body a = active.get(i);
            for (int j = i + 1; j < active.size(); j++) {
                Body b = active.get(j);
                double dx = a.x - b.x;
                double dy = a.y - b.y;
                double d2 = dx * dx + dy * dy;
                if (d2 < 0.01) {
                    // Two peers on one spot have no direction to part in; give them one.
                    dx = 0.1 * (i - j);
                    dy = 0.1;
                    d2 = dx * dx + dy * dy;
                }
                double f = k2 / d2; // k²/d along the unit vector: k²/d² times the offset
                a.fx += dx * f;
                a.fy += dy * f;
                b.fx -= dx * f;
                b.fy -= dy * f;
            }
        }
    }

    private void attract() {
        for (GraphLink l : links) {
            Body a = bodies.get(l.from());
            Body b = bodies.get(l.to());
            double dx = a.x - b.x;
            double dy = a.y - b.y;
            double d = Math.sqrt(dx * dx + dy * dy);
            double f = d / IDEAL * (0.5 + weight(l.bytes())); // d²/k along the unit vector, heavier pulls harder
            a.fx -= dx * f;
            a.fy -= dy * f;
            b.fx += dx * f;
            b.fy += dy * f;
        }
    }

    private void move(List<Body> active) {
        // Gravity grows with the swarm so that a big swarm's repulsion does not push it off screen.
        double gravity = GRAVITY * Math.sqrt(active.size());
        for (Body b : active) {
            b.fx -= gravity * b.x;
            b.fy -= gravity * b.y;
            double f = Math.sqrt(b.fx * b.fx + b.fy * b.fy);
            if (f > 0) {
                double limit = Math.min(f, temperature) / f;
                b.x += b.fx * limit;
                b.y += b.fy * limit;
            }
        }
    }

    /** A link's share of the heaviest one, on a log scale so a few big links do not hide the rest. */
    private double weight(long bytes) {
        return heaviest == 0 ? 0 : Math.log1p(bytes) / Math.log1p(heaviest);
    }

    /** True when nothing moves or fades any more, so drawing again would show the same picture. */
    public boolean settled() {
        return temperature < STILL && bodies.values().stream().allMatch(b -> b.leftSteps < 0);
    }

    public List<LaidOutPeer> peers() {
        List<LaidOutPeer> out = new ArrayList<>(bodies.size());
        for (Body b : bodies.values()) {
            double opacity = b.leftSteps < 0 ? 1 : 1 - (double) b.leftSteps / FADE_STEPS;
            out.add(new LaidOutPeer(b.peer, b.x, b.y, radius(b.peer), opacity));
        }
        return out;
    }

    public List<LaidOutLink> links() {
        List<LaidOutLink> out = new ArrayList<>(links.size());
        for (GraphLink l : links) {
            Body a = bodies.get(l.from());
            Body b = bodies.get(l.to());
            out.add(new LaidOutLink(a.x, a.y, b.x, b.y, weight(l.bytes())));
        }
        return out;
    }

    /** The present peer drawn at that layout point, the nearest if several overlap it. */
    public Optional<LaidOutPeer> peerAt(double x, double y) {
        return peers().stream().filter(p -> !p.leaving())
                .filter(p -> Math.hypot(p.x() - x, p.y() - y) <= p.radius() + 2)
                .min((a, b) -> Double.compare(Math.hypot(a.x() - x, a.y() - y), Math.hypot(b.x() - x, b.y() - y)));
    }

    public Optional<LaidOutPeer> peer(String peerId) {
        return peers().stream().filter(p -> p.peer().peerId().equals(peerId)).findFirst();
    }

    /** A browser's size: it announces no upload it offers, so it is drawn neither large nor small. */
    static final double BROWSER_RADIUS = 8;

    /** From 4 units for a peer that offers nothing up to 16 for a few Mb/s, so size tracks upload. */
    static double radius(GraphPeer p) {
        return p.kind() == ClientKind.BROWSER ? BROWSER_RADIUS : 4 + Math.min(12, Math.sqrt(p.uploadKbps()) / 4);
    }

    private static final class Body {
        GraphPeer peer;
        double x;
        double y;
        double fx;
        double fy;
        /** -1 while present; after leaving, the fade steps taken so far. */
        int leftSteps = -1;

        Body(GraphPeer peer, double x, double y) {
            this.peer = peer;
            this.x = x;
            this.y = y;
        }
    }
}
