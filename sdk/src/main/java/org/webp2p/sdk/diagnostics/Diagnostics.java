package org.webp2p.sdk.diagnostics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webp2p.sdk.fetch.SegmentScheduler;

/**
 * The record of a session's HTTP fallbacks, failed peer connections and internal failures, readable
 * at any time from any thread and observable through {@link DiagnosticsListener}s, so "P2P never
 * works" has answers. Written from the player source's event loop.
 */
public final class Diagnostics {
    private static final Logger log = LoggerFactory.getLogger(Diagnostics.class);

    private final List<SegmentScheduler.Fallback> fallbacks = new CopyOnWriteArrayList<>();
    private final List<PeerConnectionFailure> peerFailures = new CopyOnWriteArrayList<>();
    private final Map<String, InternalFailure> internalFailures = new ConcurrentSkipListMap<>();
    private final List<DiagnosticsListener> listeners = new CopyOnWriteArrayList<>();

    /** Every segment that came from HTTP rather than a peer, with the reason, oldest first. */
    public List<SegmentScheduler.Fallback> fallbacks() {
        return List.copyOf(fallbacks);
    }

    /** Every peer connection that failed, with the reason, oldest first. */
    public List<PeerConnectionFailure> peerFailures() {
        return List.copyOf(peerFailures);
    }

    /** The latest way each part failed, by part name, with how often; empty if none ever did. */
    public List<InternalFailure> internalFailures() {
        return List.copyOf(internalFailures.values());
    }

    /** Tells {@code listener} of every event from now on. */
    public void addListener(DiagnosticsListener listener) {
        listeners.add(listener);
    }

    /** Tells {@code listener} nothing more. */
    public void removeListener(DiagnosticsListener listener) {
        listeners.remove(listener);
    }

    /** Records a fallback the scheduler decided on. */
    public void httpFallback(SegmentScheduler.Fallback fallback) {
        fallbacks.add(fallback);
        tell("a fallback", l -> l.httpFallback(fallback));
    }

    /** Records a peer connection the transport could not make or keep. */
    public void peerConnectionFailed(PeerConnectionFailure failure) {
        peerFailures.add(failure);
        tell("a peer failure", l -> l.peerConnectionFailed(failure));
    }

    /**
     * Records what a part of the player source threw. A part that fails on every tick must not
     * become a warning every 100 ms: a failure is logged, with its stack trace, and told to
     * listeners when it is new or differs from the part's last one; the same failure again is only
     * counted, with a reminder in the log at the 10th, 100th, 1000th... time.
     */
    public void internalFailure(String part, RuntimeException e) {
        InternalFailure latest = InternalFailure.first(part, e);
        InternalFailure last = internalFailures.get(part);
        if (last != null && last.sameAs(latest)) {
            InternalFailure counted = last.again(latest);
            internalFailures.put(part, counted);
            if (isPowerOfTen(counted.count())) {
                log.warn("{} has failed {} times at {} ({}); still carrying on", part, counted.count(), counted.at(),
                        e.toString());
            }
            return;
        }
        internalFailures.put(part, latest);
        if (last == null) {
            log.warn("{} failed; carrying on. The same failure again is counted in the diagnostics, not logged",
                    part, e);
        } else {
            log.warn("{} failed anew, after failing {} times at {}; carrying on", part, last.count(), last.at(), e);
        }
        tell("an internal failure", l -> l.internalFailure(latest));
    }

    private static boolean isPowerOfTen(long n) {
        while (n >= 10 && n % 10 == 0) {
            n /= 10;
        }
        return n == 1;
    }

    private void tell(String what, Consumer<DiagnosticsListener> event) {
        for (DiagnosticsListener l : listeners) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                log.warn("diagnostics listener failed on {}; others still told", what, e);
            }
        }
    }
}
