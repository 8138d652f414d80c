package org.webp2p.sdk.playback;

/**
 * What a viewer experienced so far.
 *
 * @param startupMs time from the session request to the first frame, or -1 while not yet started
 * @param stalls    times playback stopped for want of data after it had started
 * @param stallMs   time spent stalled
 * @param playedMs  media time played
 */
public record PlaybackStats(long startupMs, int stalls, long stallMs, long playedMs) {
}
