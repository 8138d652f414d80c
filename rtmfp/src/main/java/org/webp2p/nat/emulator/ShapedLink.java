package org.webp2p.nat.emulator;

import java.util.Random;

/**
 * One host's access link, both directions, shared by everything the host sends and receives: its
 * datagrams through its {@link EmulatedNat} and, in a simulation, its HTTP through a relay.
 */
public final class ShapedLink {
    private final LinkConditions conditions;
    private final LinkShaper up;
    private final LinkShaper down;

    private ShapedLink(LinkConditions conditions, long seed) {
        this.conditions = conditions;
        this.up = new LinkShaper(conditions, conditions.upBitsPerSecond(), new Random(seed));
        this.down = new LinkShaper(conditions, conditions.downBitsPerSecond(), new Random(~seed));
    }

    /** A link with these conditions; {@code seed} draws its losses and jitter, so a run can be repeated. */
    public static ShapedLink of(LinkConditions conditions, long seed) {
        return new ShapedLink(conditions, seed);
    }

    public LinkConditions conditions() {
        return conditions;
    }

    /** From the host outwards. */
    public LinkShaper up() {
        return up;
    }

    /** From outside to the host. */
    public LinkShaper down() {
        return down;
    }

    /** A snapshot of both directions' counters. */
    public LinkCounters counters() {
        return new LinkCounters(up.counters(), down.counters());
    }
}
