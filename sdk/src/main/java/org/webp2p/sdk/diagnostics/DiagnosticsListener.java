package org.webp2p.sdk.diagnostics;

import org.webp2p.sdk.fetch.SegmentScheduler;

/**
 * Told of every event that explains why a session used less P2P than hoped. Called on the player
 * source's event loop: implementations return quickly and hand anything slow to their own thread.
 */
public interface DiagnosticsListener {
    /** A segment is being fetched from the origin instead of a peer. */
    default void httpFallback(SegmentScheduler.Fallback fallback) {
    }

    /** A peer connection failed to come up or was lost. */
    default void peerConnectionFailed(PeerConnectionFailure failure) {
    }

    /** A part of the player source threw, for the first time or in a new way (repeats are only counted). */
    default void internalFailure(InternalFailure failure) {
    }
}
