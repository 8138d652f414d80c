package org.webp2p.server.pingback;

import java.util.List;
import java.util.regex.Pattern;
import org.webp2p.nat.NatType;

/**
 * One client report. Counters are deltas since the client's previous beacon, so beacons add up
 * without the server remembering each client's totals.
 *
 * @param playedMs   media time played since the previous beacon (the base of the stall ratio)
 * @param startupMs  time from open to first frame; present only in a session's first beacon
 * @param bufferMs   media buffered ahead of the playhead when the beacon was made
 * @param links      bytes exchanged with each connected peer
 * @param connections peer connection attempts and successes, by the remote peer's NAT type
 * @param client     the kind of client that sent it; {@link ClientKind#SDK} when the beacon does not say
 */
public record Beacon(String sessionId, String peerId, String swarm, long httpBytes, long p2pBytes,
                     long uploadedBytes, long playedMs, Long startupMs, int stalls, long stallMs, long bufferMs,
                     NatType natType, List<Link> links, List<Connections> connections, ClientKind client) {
    static final Pattern ID = Pattern.compile("[A-Za-z0-9._~-]{1,128}");
    static final int MAX_LINKS = 64;
    /** A day of anything in one beacon is a broken client, not a measurement. */
    static final long MAX_MS = 86_400_000L;

    public Beacon {
        check(sessionId != null && ID.matcher(sessionId).matches(), "sessionId must be 1-128 of A-Z a-z 0-9 . _ ~ -");
        check(peerId == null || ID.matcher(peerId).matches(), "peerId must be 1-128 of A-Z a-z 0-9 . _ ~ -");
        check(swarm != null && ID.matcher(swarm).matches(), "swarm must be 1-128 of A-Z a-z 0-9 . _ ~ -");
        check(httpBytes >= 0 && p2pBytes >= 0 && uploadedBytes >= 0, "byte counts must not be negative");
        check(playedMs >= 0 && playedMs <= MAX_MS, "playedMs must be between 0 and " + MAX_MS);
        check(startupMs == null || (startupMs >= 0 && startupMs <= MAX_MS), "startupMs must be between 0 and " + MAX_MS);
        check(stalls >= 0 && stallMs >= 0 && stallMs <= MAX_MS, "stalls and stallMs must be between 0 and " + MAX_MS);
        check(bufferMs >= 0 && bufferMs <= MAX_MS, "bufferMs must be between 0 and " + MAX_MS);
        natType = natType == null ? NatType.UNKNOWN : natType;
        client = ClientKind.orSdk(client);
        links = links == null ? List.of() : List.copyOf(links);
        connections = connections == null ? List.of() : List.copyOf(connections);
        check(links.size() <= MAX_LINKS, "at most " + MAX_LINKS + " links");
        check(connections.size() <= NatType.values().length, "at most one connections entry per NAT type");
    }

    /** Bytes exchanged with one peer since the previous beacon. */
    public record Link(String peerId, long bytesIn, long bytesOut) {
        public Link {
            check(peerId != null && ID.matcher(peerId).matches(), "link peerId must be 1-128 of A-Z a-z 0-9 . _ ~ -");
            check(bytesIn >= 0 && bytesOut >= 0, "link byte counts must not be negative");
        }
    }

    /** Connection attempts to peers of one NAT type since the previous beacon. */
    public record Connections(NatType remoteNat, int attempts, int successes) {
        public Connections {
            check(remoteNat != null, "remoteNat is required");
            check(attempts >= 0 && successes >= 0 && successes <= attempts,
                    "need 0 <= successes <= attempts, got " + successes + " of " + attempts);
        }
    }

    private static void check(boolean ok, String reason) {
        if (!ok) {
            throw new IllegalArgumentException(reason);
        }
    }
}
