package org.webp2p.ui;

import java.time.Instant;

/**
 * The headline figures at one snapshot, kept in a short rolling series for charts and sparklines.
 *
 * @param httpBps        bytes per second clients fetched over HTTP since the previous sample
 * @param p2pBps         bytes per second clients fetched from peers since the previous sample
 * @param startupP95Ms   95th percentile startup in the live window, or -1 with no startups
 * @param hourOffload    P2P offload over the stored last hour as it stood at this sample
 * @param hourSaved      bytes peers served each other over the stored last hour, at this sample
 * @param latencyP95Ms   95th percentile latency to live clients told in the live window, or -1 with none
 */
public record TimelineSample(Instant at, double httpBps, double p2pBps, int peers, long liveStreams,
                             double offload, double natSuccess, long startupP95Ms, double stallRatio,
                             double hourOffload, long hourSaved, long latencyP95Ms) {
}
