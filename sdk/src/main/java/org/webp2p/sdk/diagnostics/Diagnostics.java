package org.webp2p.sdk.diagnostics;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webp2p.sdk.fetch.SegmentScheduler;

/**
 * The record of a session's HTTP fallbacks and failed peer connections, readable at any time from
 * any thread and observable through {@link DiagnosticsListener}s, so "P2P never works" has answers.
 */
public final class Diagnostics {
    private static final Logger log = LoggerFactory.getLogger(Diagnostics.class);

    private final List<SegmentScheduler.Fallback> fallbacks = new CopyOnWriteArrayList<>();
    private final List<PeerConnectionFailure> peerFailures = new CopyOnWriteArrayList<>();
    private final List<DiagnosticsListener> listeners = new CopyOnWriteArrayList<>();

    /** Every segment that came from HTTP rather than a peer, with the reason, oldest first. */
    public List<SegmentScheduler.Fallback> fallbacks() {
        return List.copyOf(fallbacks);
    }

    /** Every peer connection that failed, with the reason, oldest first. */
    public List<PeerConnectionFailure> peerFailures() {
        return List.copyOf(peerFailures);
    }

    /** Tells {@code listener} of every event from now on. */
    public void addListener(DiagnosticsListener listener) {
        listeners.add(listener);
    }

    public void removeListener(DiagnosticsListener listener) {
        listeners.remove(listener);
    }

    /** Records a fallback the scheduler decided on. */
    public void httpFallback(SegmentScheduler.Fallback fallback) {
        fallbacks.add(fallback);
        for (DiagnosticsListener l : listeners) {
            try {
                l.httpFallback(fallback);
            } catch (RuntimeException e) {
                log.warn("diagnostics listener failed on a fallback; others still told", e);
            }
        }
    }

    /** Records a peer connection the transport could not make or keep. */
    public void peerConnectionFailed(PeerConnectionFailure failure) {
        peerFailures.add(failure);
        for (DiagnosticsListener l : listeners) {
            try {
                l.peerConnectionFailed(failure);
            } catch (RuntimeException e) {
                log.warn("diagnostics listener failed on a peer failure; others still told", e);
            }
        }
    }
}
