package org.webp2p.sdk.playback;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * How long each segment lasts, as the playlist described it: the playback time between two
 * segments and the media buffered from one. Shared by both {@link Playback} kinds. Not thread-safe.
 */
final class SegmentDurations {
    private final Map<Long, Long> durations = new HashMap<>();

    /** The playlist says segment {@code sequence} lasts {@code durationMs}; the first word stands. */
    void describe(long sequence, long durationMs) {
        if (durationMs <= 0) {
            throw new IllegalArgumentException("segment duration must be positive");
        }
        durations.putIfAbsent(sequence, durationMs);
    }

    /** The duration of {@code sequence}, or {@code orElse} when not described. */
    long of(long sequence, long orElse) {
        return durations.getOrDefault(sequence, orElse);
    }

    boolean described(long sequence) {
        return durations.containsKey(sequence);
    }

    /** Playback time of segments {@code from} up to, not including, {@code to}. */
    long between(long from, long to, long defaultDurationMs) {
        long ms = 0;
        for (long s = from; s < to; s++) {
            ms += of(s, defaultDurationMs);
        }
        return ms;
    }

    /** Media in the run of described segments from {@code from} that {@code ready} says are on hand. */
    long contiguous(long from, LongPredicate ready) {
        long ms = 0;
        for (long s = from; ready.test(s) && described(s); s++) {
            ms += durations.get(s);
        }
        return ms;
    }

    void forget(long sequence) {
        durations.remove(sequence);
    }

    void forgetBefore(long sequence) {
        durations.keySet().removeIf(s -> s < sequence);
    }
}
