package org.webp2p.sdk.playback;

import java.util.OptionalLong;
import java.util.function.LongPredicate;
import org.webp2p.sdk.hls.MediaPlaylist;

/**
 * Where a live player joins a media playlist, and where it joins again once the playlist's window
 * has moved past what it was waiting for. Pure.
 */
public final class JoinPosition {
    private JoinPosition() {
    }

    /**
     * The segment to start at: a live player starts three segments from the end (the newest listed
     * less two), as HLS players do (RFC 8216 §6.3.3), and with peers one further back, so a new
     * segment has time to spread before it is needed; a playlist that has ended plays from its start.
     */
    public static long join(MediaPlaylist playlist, boolean p2p) {
        if (playlist.ended()) {
            return playlist.mediaSequence();
        }
        int behind = p2p ? 3 : 2;
        return Math.max(playlist.mediaSequence(), playlist.lastSequence() - behind);
    }

    /**
     * Where to jump when the player waits for a segment it can no longer get: one that is not on
     * hand and that the live window has left behind (the origin lists it no more). Waiting would
     * stall for good, so the player joins again as at start, the way ExoPlayer re-prepares after a
     * {@code BehindLiveWindowException} and hls.js seeks to its live sync position. Empty while the
     * playhead can still be had, and for a playlist that has ended.
     *
     * @param obtainable whether a segment is on hand or still listed, so it can be fetched
     */
    public static OptionalLong rejoin(MediaPlaylist playlist, long playhead, LongPredicate obtainable, boolean p2p) {
        if (playlist.ended() || playhead < 0 || playhead >= playlist.mediaSequence() || obtainable.test(playhead)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(join(playlist, p2p));
    }
}
