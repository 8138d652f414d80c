package org.webp2p.sdk.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Peers that share one NAT, as viewers in an office or a household do, written
 * {@code office=10x5,home=20x2}: ten NATs with five peers behind each, twenty with two. Every group
 * NAT takes its type from the NAT mix; the peers not in a group sit behind NATs of their own.
 */
public record NatGroups(List<Group> groups) {
    private static final Pattern PART = Pattern.compile("([a-z][a-z0-9-]*)=(\\d{1,4})x(\\d{1,4})");

    /** {@code nats} NATs named {@code name}, with {@code peersEach} peers behind each. */
    public record Group(String name, int nats, int peersEach) {
        public Group {
            if (nats < 1 || peersEach < 2) {
                throw new IllegalArgumentException("group " + name + " needs at least one NAT and two peers behind each");
            }
        }
    }

    public NatGroups {
        groups = List.copyOf(groups);
    }

    /** No groups: every peer behind a NAT of its own. */
    public static NatGroups none() {
        return new NatGroups(List.of());
    }

    /**
     * Reads groups as the command line writes them, {@code office=10x5,home=20x2}; empty text for none.
     *
     * @throws IllegalArgumentException naming the part that is not {@code NAME=NATSxPEERS}
     */
    public static NatGroups parse(String text) {
        List<Group> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return none();
        }
        for (String part : text.split(",")) {
            Matcher m = PART.matcher(part.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("\"" + part.trim() + "\" is not NAME=NATSxPEERS, e.g. office=10x5");
            }
            out.add(new Group(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
        }
        return new NatGroups(out);
    }

    /** Peers the groups hold in all. */
    public int peers() {
        return groups.stream().mapToInt(g -> g.nats() * g.peersEach()).sum();
    }

    /** NATs the groups make in all. */
    public int nats() {
        return groups.stream().mapToInt(Group::nats).sum();
    }
}
