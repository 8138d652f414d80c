package org.webp2p.sdk.sim;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.webp2p.nat.NatType;
import org.webp2p.sdk.peer.ConnectionTotals;
import org.webp2p.sdk.playback.PlaybackStats;

/**
 * What one simulated viewer experienced, taken as it leaves, as plain values so the sums are pure.
 *
 * @param linkClass     the class of access link it had ({@code broadband}, {@code mobile}, ...)
 * @param liveLatencyMs how far behind live it played as it left; -1 when that could not be told
 * @param httpBytes     everything it took from the origin over HTTP, headers included
 * @param mediaKbps     the bitrate of the segments it received; 0 if none
 * @param peerFailures  the reason of each failed or dropped peer connection
 * @param fallbacks     the reason of each segment fetched over HTTP rather than from a peer
 * @param neverStarted  why it showed no frame, or null if it did
 */
record PeerOutcome(NatType nat, String linkClass, PlaybackStats stats, long liveLatencyMs, long httpBytes,
                   long p2pBytes, double mediaKbps, List<ConnectionTotals> connections, List<String> peerFailures,
                   List<String> fallbacks, @Nullable NeverStarted neverStarted) {
    PeerOutcome {
        connections = List.copyOf(connections);
        peerFailures = List.copyOf(peerFailures);
        fallbacks = List.copyOf(fallbacks);
    }
}
