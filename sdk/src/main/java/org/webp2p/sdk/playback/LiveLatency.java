package org.webp2p.sdk.playback;

import java.time.Instant;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * How far behind live the viewer is: now, less the wall-clock time of the frame at the playhead,
 * which is the program date time of the segment being played plus how far into it playback is.
 * Since the origin dates every segment when its first sample was encoded (or when it arrived, for
 * an encoder that dates none), this is the delay from the encoder to the screen, given clocks in
 * step. Not thread-safe: one owner drives it, with the playback it measures.
 */
public final class LiveLatency {
    /** Dates kept ahead of the playhead: a live window is far shorter, so this only bounds a runaway playlist. */
    private static final int MAX_DATED = 1_024;

    private final LongSupplier wallClockMs;
    private final TreeMap<Long, Long> dates = new TreeMap<>();

    /** @param wallClockMs milliseconds since the epoch, the clock program date times are written in */
    public LiveLatency(LongSupplier wallClockMs) {
        this.wallClockMs = wallClockMs;
    }

    /** The playlist dates segment {@code sequence}'s first sample at {@code programDateTime}. */
    public void dated(long sequence, Instant programDateTime) {
        dates.put(sequence, programDateTime.toEpochMilli());
        while (dates.size() > MAX_DATED) {
            dates.pollFirstEntry();
        }
    }

    /**
     * The latency to live of a player at {@code positionMs} into segment {@code playhead}, or -1 when
     * it cannot be told: that segment is undated, or the date is ahead of this clock (a clock behind
     * the encoder's measures nothing). Forgets the dates of segments before the playhead.
     */
    public long latencyMs(long playhead, long positionMs) {
        dates.headMap(playhead).clear();
        Long date = dates.get(playhead);
        if (date == null) {
            return -1;
        }
        long latency = wallClockMs.getAsLong() - (date + positionMs);
        return latency < 0 ? -1 : latency;
    }

    /** The latency of {@code playback} now, or -1 before its first frame or when it cannot be told. */
    public long latencyMs(Playback playback) {
        if (playback.stats().startupMs() < 0 || playback.playhead() < 0) {
            return -1;
        }
        return latencyMs(playback.playhead(), playback.positionInSegmentMs());
    }
}
