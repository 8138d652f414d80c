package org.webp2p.sdk.playback;

/**
 * Where playback is and what it has on hand: what the scheduler plans from and what beacons report.
 * {@link VirtualPlayer} plays on its own at real-time speed (the simulator, headless clients);
 * {@link RequestDrivenPlayback} follows an external player's segment requests (the local proxy).
 * Not thread-safe: one owner drives it.
 */
public interface Playback {
    /** Where playback starts when nothing else has said: a live player joins behind the edge. */
    void startAt(long sequence);

    /** The playlist says segment {@code sequence} lasts {@code durationMs}. */
    void describe(long sequence, long durationMs);

    /** Segment {@code sequence} is fully downloaded and checked. */
    void arrived(long sequence);

    boolean has(long sequence);

    /** Brings the position up to now. */
    void tick();

    /** The segment being played (or waited for), or -1 before it is known. */
    long playhead();

    /**
     * How far into the playhead's segment playback is; 0 where it cannot be seen (an external
     * player's position is its own).
     */
    default long positionInSegmentMs() {
        return 0;
    }

    /**
     * Milliseconds of playback until {@code sequence} must be on hand: 0 for the playhead itself;
     * durations not yet described count as {@code defaultDurationMs}.
     */
    long msUntilNeeded(long sequence, long defaultDurationMs);

    /** Media on hand ahead of the playhead, counting only contiguous segments. */
    long bufferAheadMs();

    PlaybackStats stats();

    /** Whether the first frame has been shown: before it, the viewer is waiting on what it has asked for. */
    default boolean started() {
        return stats().startupMs() >= 0;
    }
}
