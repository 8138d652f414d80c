package org.webp2p.sdk.playback;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Playback by an external player (ffplay, VLC, ExoPlayer, hls.js) behind the local proxy: its
 * clock is invisible, so the segment it asks for is taken as the one it needs now and becomes the
 * playhead the scheduler plans from. Asking for an older segment is a seek back, and is followed
 * just the same. Stalls cannot be seen from here and are reported as none; "played" counts the
 * media handed to the player.
 */
public final class RequestDrivenPlayback implements Playback {
    /** Durations kept behind the playhead, so a seek back within a live window is still planned right. */
    private static final int DESCRIBED_BEHIND = 32;

    private final LongSupplier clockMs;
    private final long openedAt;
    private final Map<Long, Long> durations = new HashMap<>();
    private final Set<Long> ready = new HashSet<>();
    private long playhead = -1;
    private boolean requestedYet;
    private long startupMs = -1;
    private long servedMs;

    public RequestDrivenPlayback(LongSupplier clockMs) {
        this.clockMs = clockMs;
        this.openedAt = clockMs.getAsLong();
    }

    /** The player asked for {@code sequence}: it is needed now, and planning starts from it. */
    public void requested(long sequence) {
        requestedYet = true;
        playhead = sequence;
        ready.removeIf(s -> s < sequence);
        durations.keySet().removeIf(s -> s < sequence - DESCRIBED_BEHIND);
    }

    /** {@code sequence} was handed to the player in full. */
    public void served(long sequence) {
        if (startupMs < 0) {
            startupMs = clockMs.getAsLong() - openedAt;
        }
        servedMs += durations.getOrDefault(sequence, 0L);
    }

    /** Used until the player's first request only: it then knows better. */
    @Override
    public void startAt(long sequence) {
        if (!requestedYet) {
            playhead = sequence;
        }
    }

    @Override
    public void describe(long sequence, long durationMs) {
        if (durationMs <= 0) {
            throw new IllegalArgumentException("segment duration must be positive");
        }
        durations.putIfAbsent(sequence, durationMs);
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
        return playhead;
    }

    @Override
    public long msUntilNeeded(long sequence, long defaultDurationMs) {
        long ms = 0;
        for (long s = playhead; s < sequence; s++) {
            ms += durations.getOrDefault(s, defaultDurationMs);
        }
        return playhead < 0 ? 0 : ms;
    }

    @Override
    public long bufferAheadMs() {
        long ms = 0;
        for (long s = playhead; playhead >= 0 && ready.contains(s) && durations.containsKey(s); s++) {
            ms += durations.get(s);
        }
        return ms;
    }

    @Override
    public PlaybackStats stats() {
        return new PlaybackStats(startupMs, 0, 0, servedMs);
    }
}
