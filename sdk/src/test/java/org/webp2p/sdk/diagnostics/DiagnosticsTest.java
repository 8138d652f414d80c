package org.webp2p.sdk.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.webp2p.sdk.fetch.FallbackReason;
import org.webp2p.sdk.fetch.SegmentScheduler;

class DiagnosticsTest {

    @Test
    void keepsEveryEventAndTellsListenersInOrder() {
        Diagnostics d = new Diagnostics();
        List<Object> heard = new ArrayList<>();
        d.addListener(new DiagnosticsListener() {
            @Override
            public void httpFallback(SegmentScheduler.Fallback f) {
                heard.add(f);
            }

            @Override
            public void peerConnectionFailed(PeerConnectionFailure f) {
                heard.add(f);
            }
        });
        var fallback = new SegmentScheduler.Fallback(7, FallbackReason.SLOW_PEER);
        var failure = new PeerConnectionFailure("ab", PeerFailureReason.HANDSHAKE_TIMEOUT, "no answer from 10.0.0.2:1935");
        d.httpFallback(fallback);
        d.peerConnectionFailed(failure);

        assertThat(heard).containsExactly(fallback, failure);
        assertThat(d.fallbacks()).containsExactly(fallback);
        assertThat(d.peerFailures()).containsExactly(failure);
    }

    @Test
    void aFailingListenerDoesNotSilenceTheOthers() {
        Diagnostics d = new Diagnostics();
        List<SegmentScheduler.Fallback> heard = new ArrayList<>();
        d.addListener(new DiagnosticsListener() {
            @Override
            public void httpFallback(SegmentScheduler.Fallback f) {
                throw new IllegalStateException("listener bug");
            }
        });
        d.addListener(new DiagnosticsListener() {
            @Override
            public void httpFallback(SegmentScheduler.Fallback f) {
                heard.add(f);
            }
        });
        d.httpFallback(new SegmentScheduler.Fallback(1, FallbackReason.URGENT));

        assertThat(heard).hasSize(1);
        assertThat(d.fallbacks()).hasSize(1);
    }

    @Test
    void removedListenerHearsNothingMore() {
        Diagnostics d = new Diagnostics();
        List<PeerConnectionFailure> heard = new ArrayList<>();
        DiagnosticsListener l = new DiagnosticsListener() {
            @Override
            public void peerConnectionFailed(PeerConnectionFailure f) {
                heard.add(f);
            }
        };
        d.addListener(l);
        d.removeListener(l);
        d.peerConnectionFailed(new PeerConnectionFailure("cd", PeerFailureReason.REFUSED, null));

        assertThat(heard).isEmpty();
        assertThat(d.peerFailures()).extracting(PeerConnectionFailure::detail).containsExactly("");
    }
}
