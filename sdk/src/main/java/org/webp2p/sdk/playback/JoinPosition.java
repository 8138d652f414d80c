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
     * Segments behind the newest listed a player without peers starts at: the third from the end, as
     * HLS players do (RFC 8216 §6.3.3).
     */
    public static final int WITHOUT_PEERS = 2;
    /**
     * Segments behind the newest listed a player with peers starts at unless its plan says otherwise
     * ({@code api.p2p-segments-behind-live}): one more than without, so a new segment has time to
     * spread before it is needed, at about 2 s more delay with 2 s segments. Each segment further back
     * gives peers as much time again and costs as much delay: with seven, viewers on lossy mobile links
     * took 0.76 of their bytes from peers instead of 0.50, about 18 s behind live instead of 10 s
     * (docs/protocol.md, Scheduling).
     */
    public static final int WITH_PEERS = 3;
    /** Listed segments a player keeps behind its playhead at start, when it starts deeper than {@link #WITH_PEERS}. */
    static final int ROOM = 2;

    /**
     * The segment to start at: {@code behind} segments behind the newest listed, but with no fewer than
     * {@link #ROOM} listed behind it, since a short window would soon leave it behind, as long as that
     * keeps it {@link #WITH_PEERS} back (or {@code behind}, if less); a low-latency window of 6 starts
     * three back whatever is asked. A playlist that has ended plays from its start.
     *
     * @param behind {@link #WITHOUT_PEERS}, {@link #WITH_PEERS}, or what the plan says for a player with peers
     */
    public static long join(MediaPlaylist playlist, int behind) {
        if (playlist.ended()) {
            return playlist.mediaSequence();
        }
        long last = playlist.lastSequence();
        long deepest = Math.max(playlist.mediaSequence() + ROOM, last - behind);
        return Math.max(playlist.mediaSequence(), Math.min(last - Math.min(behind, WITH_PEERS), deepest));
    }

    /**
     * Where to jump when the player waits for a segment it can no longer get: one that is not on
     * hand and that the live window has left behind (the origin lists it no more). Waiting would
     * stall for good, so the player joins again as at start, the way ExoPlayer re-prepares after a
     * {@code BehindLiveWindowException} and hls.js seeks to its live sync position. Empty while the
     * playhead can still be had, and for a playlist that has ended.
     *
     * @param obtainable whether a segment is on hand or still listed, so it can be fetched
     * @param behind     as for {@link #join}
     */
    public static OptionalLong rejoin(MediaPlaylist playlist, long playhead, LongPredicate obtainable, int behind) {
        if (playlist.ended() || playhead < 0 || playhead >= playlist.mediaSequence() || obtainable.test(playhead)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(join(playlist, behind));
    }
}
