package org.webp2p.sdk.sim;

/**
 * A simulated viewer that never showed a frame: how far it got, and how long it waited.
 *
 * @param peer             the peer's index in the run
 * @param reason           the step it did not get past
 * @param detail           what went wrong, in words
 * @param waitedMs         from its session request until it left
 * @param countedAsTimeout whether startup percentiles count it as a viewer who gave up: always when
 *                         its session was refused, else once it waited {@link #STARTUP_TIMEOUT_MS}; a
 *                         peer the run itself removed sooner (churn, the end) had no fair chance
 */
public record NeverStarted(int peer, Reason reason, String detail, long waitedMs, boolean countedAsTimeout) {
    /**
     * A viewer who sees no picture for this long has given up: the startup such a viewer counts with
     * is its whole wait, never less than this.
     */
    public static final long STARTUP_TIMEOUT_MS = 10_000;

    /** The step a viewer did not get past. */
    public enum Reason {
        /** The API refused the session or did not answer. */
        NO_SESSION,
        /** A session, but no playlist from the origin. */
        NO_PLAYLIST,
        /** A playlist, but never the first segment and the minimum buffer. */
        NO_FIRST_FRAME
    }

    /**
     * A viewer that never started, counted as a timeout when it was refused outright or waited out
     * {@link #STARTUP_TIMEOUT_MS}.
     *
     * @param refused the API answered the session request with a refusal, so it never could have played
     */
    public static NeverStarted of(int peer, Reason reason, String detail, long waitedMs, boolean refused) {
        return new NeverStarted(peer, reason, detail, waitedMs, refused || waitedMs >= STARTUP_TIMEOUT_MS);
    }

    /** The startup a percentile counts this viewer with: its whole wait, at least the timeout. */
    public long timeoutSampleMs() {
        return Math.max(waitedMs, STARTUP_TIMEOUT_MS);
    }
}
