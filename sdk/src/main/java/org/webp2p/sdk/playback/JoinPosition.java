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
     * Segments behind the newest listed a viewer with peers starts at, when the window lists enough.
     * Every segment of playback further back is two seconds more for a new segment to travel from its
     * seeds through the swarm before it turns urgent. Three, as before, left about three seconds of
     * peer time, and a viewer on a lossy mobile link, where one peer sends at 0.6-0.7 Mbit/s, took
     * half its HD segments over HTTP; seven gave those viewers 0.76 of their bytes from peers against
     * 0.50, for 8 s more delay: about 17 s behind live, 10 s more than a viewer without peers
     * (docs/protocol.md, Scheduling). The browser player plays as far back as the window allows.
     */
    static final int P2P_BEHIND = 7;
    /** Listed segments a viewer with peers keeps behind its playhead at start: a stall's worth of room. */
    static final int P2P_ROOM = 2;

    /**
     * The segment to start at. A live player without peers starts three segments from the end (the
     * newest listed less two), as HLS players do (RFC 8216 §6.3.3). With peers it starts up to
     * {@link #P2P_BEHIND} segments back, so a new segment has time to spread before it is needed, but
     * never with fewer than {@link #P2P_ROOM} listed behind it, where a short window would soon leave
     * it behind (a low-latency window of 6 starts three back, as before), and never nearer the end
     * than three back. A playlist that has ended plays from its start.
     */
    public static long join(MediaPlaylist playlist, boolean p2p) {
        if (playlist.ended()) {
            return playlist.mediaSequence();
        }
        long last = playlist.lastSequence();
        long start = p2p ? Math.min(last - 3, Math.max(playlist.mediaSequence() + P2P_ROOM, last - P2P_BEHIND))
                : last - 2;
        return Math.max(playlist.mediaSequence(), start);
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
