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
 * @param latencyP50Ms median latency to live the beacons in the window told (encoder to screen, from
 *                     the segments' program date times), or -1 if none told one
 * @param latencyP95Ms 95th percentile of the same, or -1
 */
public record SwarmFigures(String swarm, int peers, int sessions, long httpBytes, long p2pBytes, long uploadedBytes,
                           double offloadRatio, long stalls, long stallMs, double stallRatio, long startupP50Ms,
                           long startupP95Ms, List<NatPairStat> natPairs, List<ClientFigures> clients,
                           long latencyP50Ms, long latencyP95Ms) {
    /** The swarm name of the figures over every swarm. */
    public static final String ALL_SWARMS = "*";

    public SwarmFigures {
        Objects.requireNonNull(swarm, "swarm");
        natPairs = List.copyOf(natPairs);
        clients = clients == null ? List.of() : List.copyOf(clients);
    }

    /** Figures without latency (a node older than the latency figures). */
    public SwarmFigures(String swarm, int peers, int sessions, long httpBytes, long p2pBytes, long uploadedBytes,
                        double offloadRatio, long stalls, long stallMs, double stallRatio, long startupP50Ms,
                        long startupP95Ms, List<NatPairStat> natPairs, List<ClientFigures> clients) {
        this(swarm, peers, sessions, httpBytes, p2pBytes, uploadedBytes, offloadRatio, stalls, stallMs, stallRatio,
                startupP50Ms, startupP95Ms, natPairs, clients, -1, -1);
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
