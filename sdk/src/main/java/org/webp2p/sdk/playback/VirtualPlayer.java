package org.webp2p.sdk.playback;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A player that consumes segments in order at real-time speed, driven by an injected clock: what
 * the simulator uses instead of a screen, and what the scheduler asks "when is segment N needed?".
 * Starts at the first segment it is given a position for and shows its first frame once that
 * segment and the minimum buffer are on hand, as real players wait for one before they start;
 * then stalls whenever the next segment has not arrived. Startup runs from the session request,
 * which comes before the player exists. Not thread-safe: one owner drives it.
 */
public final class VirtualPlayer implements Playback {
    /**
     * Media a player wants on hand before its first frame: ExoPlayer's default
     * ({@code DefaultLoadControl.DEFAULT_BUFFER_FOR_PLAYBACK_MS}), the player most Android apps use.
     */
    public static final long DEFAULT_MIN_BUFFER_MS = 2_500;

    private final LongSupplier clockMs;
    private final long requestedAt;
    private final long minBufferMs;
    private final SegmentDurations durations = new SegmentDurations();
    private final Map<Long, Boolean> ready = new HashMap<>();
    private long playhead = -1;
    private long offsetMs;
    private long lastTick;
    private long startupMs = -1;
    private boolean stalled;
    private int stalls;
    private long stallMs;
    private long playedMs;

    /**
     * @param requestedAt when the viewer asked for the stream (the session request), where startup
     *                    is measured from
     * @param minBufferMs media on hand, from the first segment on, before the first frame
     */
    public VirtualPlayer(LongSupplier clockMs, long requestedAt, long minBufferMs) {
        if (minBufferMs < 0) {
            throw new IllegalArgumentException("the minimum buffer must not be negative");
        }
        this.clockMs = clockMs;
        this.requestedAt = requestedAt;
        this.minBufferMs = minBufferMs;
        this.lastTick = clockMs.getAsLong();
    }

    /** Where playback starts: a live player joins a few segments behind the live edge. */
    @Override
    public void startAt(long sequence) {
        if (playhead >= 0) {
            throw new IllegalStateException("already started at " + playhead);
        }
        playhead = sequence;
    }

    /**
     * Jumps forward to {@code sequence}, leaving out the segments before it (a live window that has
     * moved past the playhead, {@link JoinPosition#rejoin}); a stall goes on until that segment is on
     * hand. Nothing happens for a sequence at or before the playhead.
     */
    public void skipTo(long sequence) {
        if (playhead < 0 || sequence <= playhead) {
            return;
        }
        ready.keySet().removeIf(s -> s < sequence);
        durations.forgetBefore(sequence);
        playhead = sequence;
        offsetMs = 0;
    }

    /** The playlist says segment {@code sequence} lasts {@code durationMs}. */
    @Override
    public void describe(long sequence, long durationMs) {
        durations.describe(sequence, durationMs);
    }

    /** Segment {@code sequence} is fully downloaded and checked. */
    @Override
    public void arrived(long sequence) {
        tick();
        ready.put(sequence, Boolean.TRUE);
        if (startupMs < 0 && ready.containsKey(playhead) && bufferAheadMs() >= minBufferMs) {
            startupMs = clockMs.getAsLong() - requestedAt;
        }
        if (stalled && sequence == playhead) {
            stalled = false;
        }
    }

    @Override
    public boolean has(long sequence) {
        return ready.containsKey(sequence);
    }

    /** Advances playback to now. */
    @Override
    public void tick() {
        long now = clockMs.getAsLong();
        long elapsed = now - lastTick;
        lastTick = now;
        if (startupMs < 0 || playhead < 0) {
            return;
        }
        while (elapsed > 0) {
            if (!durations.described(playhead) || !ready.containsKey(playhead)) {
                if (!stalled) {
                    stalled = true;
                    stalls++;
                }
                stallMs += elapsed;
                return;
            }
            long duration = durations.of(playhead, 0);
            long step = Math.min(elapsed, duration - offsetMs);
            offsetMs += step;
            playedMs += step;
            elapsed -= step;
            if (offsetMs >= duration) {
                ready.remove(playhead);
                durations.forget(playhead);
                playhead++;
                offsetMs = 0;
            }
        }
    }

    /** The segment being played (or waited for), or -1 before {@link #startAt}. */
    @Override
    public long playhead() {
        return playhead;
    }

    @Override
    public long positionInSegmentMs() {
        return offsetMs;
    }

    /**
     * Milliseconds of playback until {@code sequence} must be on hand: 0 for the segment being played
     * or waited for; before startup, counted from the moment playback will start. Durations not yet
     * described count as {@code defaultDurationMs}.
     */
    @Override
    public long msUntilNeeded(long sequence, long defaultDurationMs) {
        if (playhead < 0 || sequence <= playhead) {
            return 0;
        }
        return Math.max(0, durations.between(playhead, sequence, defaultDurationMs) - offsetMs);
    }

    /** Media buffered ahead of the playhead, counting only contiguous segments on hand. */
    @Override
    public long bufferAheadMs() {
        if (playhead < 0) {
            return 0;
        }
        long ms = durations.contiguous(playhead, ready::containsKey);
        // Part of the segment playing now is behind the playhead already.
        return ms == 0 ? 0 : ms - offsetMs;
    }

    /** True while playback waits for the segment at the playhead. */
    public boolean isStalled() {
        return stalled;
    }

    @Override
    public PlaybackStats stats() {
        return new PlaybackStats(startupMs, stalls, stallMs, playedMs);
    }
}
