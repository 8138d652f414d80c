package org.webp2p.rtmfp.session;

/**
 * Counters of one session, for metrics and benchmarks.
 *
 * @param packetsSent         datagrams sent on the session
 * @param packetsReceived     datagrams accepted for the session
 * @param fragmentsLost       fragments declared lost from acknowledgements and retransmitted
 * @param spuriousLosses      of those, fragments later shown delivered all along (reordered, not lost)
 * @param retransmitTimeouts  retransmission timeouts (each resends everything in flight)
 * @param smoothedRttMillis   smoothed round-trip time, or -1 before any sample
 * @param congestionWindow    current congestion window in bytes
 */
public record SessionStats(long packetsSent, long packetsReceived, long fragmentsLost, long spuriousLosses,
                           long retransmitTimeouts,
                           long smoothedRttMillis, long congestionWindow) {
}
