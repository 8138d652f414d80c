package org.webp2p.protocol.admin;

import java.util.List;
import java.util.Objects;
import org.webp2p.protocol.ClientKind;

/**
 * Live figures of one swarm (or of all, with swarm {@code "*"}) over the aggregation window.
 *
 * @param offloadRatio bytes from peers over all bytes downloaded; 0 when nothing was downloaded
 * @param stallRatio   time stalled over time played
 * @param startupP50Ms median startup of sessions that started in the window, or -1 if none did
 * @param clients      the same window split by kind of client, one entry per kind; empty from a node
 *                     older than the split
 */
public record SwarmFigures(String swarm, int peers, int sessions, long httpBytes, long p2pBytes, long uploadedBytes,
                           double offloadRatio, long stalls, long stallMs, double stallRatio, long startupP50Ms,
                           long startupP95Ms, List<NatPairStat> natPairs, List<ClientFigures> clients) {
    /** The swarm name of the figures over every swarm. */
    public static final String ALL_SWARMS = "*";

    public SwarmFigures {
        Objects.requireNonNull(swarm, "swarm");
        natPairs = List.copyOf(natPairs);
        clients = clients == null ? List.of() : List.copyOf(clients);
    }

    /** The figures of one kind of client; zeros when it sent nothing in the window. */
    public ClientFigures client(ClientKind kind) {
        return clients.stream().filter(c -> c.client() == kind).findFirst().orElse(ClientFigures.none(kind));
    }

    /** Attempts and successes over every NAT pair. */
    public double natSuccessRatio() {
        long attempts = natPairs.stream().mapToLong(NatPairStat::attempts).sum();
        long ok = natPairs.stream().mapToLong(NatPairStat::successes).sum();
        return attempts == 0 ? 0 : (double) ok / attempts;
    }
}
