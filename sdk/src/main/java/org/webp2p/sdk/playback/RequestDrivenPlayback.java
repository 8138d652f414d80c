package org.webp2p.sdk.playback;

import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Playback by an external player (ffplay, VLC, ExoPlayer, hls.js) behind the local proxy: its
 * clock is invisible, so what it asks for is taken as what it needs now. The playhead the scheduler
 * plans from is the earliest segment asked for and not yet answered (players read ahead, and the
 * earliest is needed first), or else the latest asked for; asking for an older segment is a seek
 * back and is followed just the same. Stalls cannot be seen from here and are reported as none;
 * "played" counts the media handed to the player, and startup runs from the session request to the
 * first segment handed over (the player's own buffering after that is invisible here).
 */
public final class RequestDrivenPlayback implements Playback {
    /** Durations kept behind the playhead, so a seek back within a live window is still planned right. */
    private static final int DESCRIBED_BEHIND = 32;

    private final LongSupplier clockMs;
    private final long requestedAt;
    private final SegmentDurations durations = new SegmentDurations();
    private final Set<Long> ready = new HashSet<>();
    /** Requests not yet answered, by sequence, counting a segment asked for twice at once twice. */
    private final TreeMap<Long, Integer> pending = new TreeMap<>();
    private long defaultStart = -1;
    private long latest = -1;
    private long startupMs = -1;
    private long servedMs;

    /** @param requestedAt when the viewer asked for the stream (the session request), where startup is measured from */
    public RequestDrivenPlayback(LongSupplier clockMs, long requestedAt) {
        this.clockMs = clockMs;
        this.requestedAt = requestedAt;
    }

    /** The player asked for {@code sequence}: it is needed now. */
    public void requested(long sequence) {
        latest = sequence;
        pending.merge(sequence, 1, Integer::sum);
        long head = playhead();
        ready.removeIf(s -> s < head);
        durations.forgetBefore(head - DESCRIBED_BEHIND);
    }

    /** A request for {@code sequence} was answered: with the segment if {@code delivered}, else with an error. */
    public void answered(long sequence, boolean delivered) {
        pending.computeIfPresent(sequence, (k, n) -> n > 1 ? n - 1 : null);
        if (delivered) {
            if (startupMs < 0) {
                startupMs = clockMs.getAsLong() - requestedAt;
            }
            servedMs += durations.of(sequence, 0);
        }
    }

    /** Used until the player's first request only: it then knows better. */
    @Override
    public void startAt(long sequence) {
        defaultStart = sequence;
    }

    @Override
    public void describe(long sequence, long durationMs) {
        durations.describe(sequence, durationMs);
    }

    @Override
    public void arrived(long sequence) {
        ready.add(sequence);
    }

    @Override
    public boolean has(long sequence) {
        return ready.contains(sequence);
    }

    /** Nothing to do: time moves with the player's requests. */
    @Override
    public void tick() {
    }

    @Override
    public long playhead() {
        return !pending.isEmpty() ? pending.firstKey() : latest >= 0 ? latest : defaultStart;
    }

    @Override
    public long msUntilNeeded(long sequence, long defaultDurationMs) {
        long playhead = playhead();
        return playhead < 0 ? 0 : durations.between(playhead, sequence, defaultDurationMs);
    }

    @Override
    public long bufferAheadMs() {
        long playhead = playhead();
        return playhead < 0 ? 0 : durations.contiguous(playhead, ready::contains);
    }

    @Override
    public PlaybackStats stats() {
        return new PlaybackStats(startupMs, 0, 0, servedMs);
    }
}
