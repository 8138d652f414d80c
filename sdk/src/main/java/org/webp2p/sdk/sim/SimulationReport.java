package org.webp2p.sdk.sim;

import java.util.Map;

/**
 * What a simulated swarm experienced; field names are the keys of {@code --json}.
 *
 * @param natSuccess   peer connection successes over attempts, by pair {@code LOCAL->REMOTE}
 * @param peerFailures failed or dropped peer connections, by reason (CORRUPT: a peer sent bad data)
 * @param fallbacks    segments fetched over HTTP rather than from a peer, by reason
 */
public record SimulationReport(int peersStarted, int peersAtEnd, double offloadRatio, int stalls, long stallMs,
                               long startupP50Ms, long startupP95Ms, Map<String, Double> natSuccess,
                               long originBytes, long p2pBytes, long durationMs, Map<String, Long> peerFailures,
                               Map<String, Long> fallbacks) {
}
