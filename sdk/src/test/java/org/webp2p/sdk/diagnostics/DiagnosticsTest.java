package org.webp2p.sdk.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
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

    @Test
    void aPartFailingEveryTickIsLoggedOnceAndCountedThenLoggedAgainWhenItFailsDifferently() {
        Diagnostics d = new Diagnostics();
        List<InternalFailure> heard = new ArrayList<>();
        d.addListener(new DiagnosticsListener() {
            @Override
            public void internalFailure(InternalFailure f) {
                heard.add(f);
            }
        });
        ListAppender<ILoggingEvent> logged = capture();
        try {
            for (int tick = 0; tick < 600; tick++) {
                d.internalFailure("playback", indexBug(tick));
            }
            assertThat(logged.list).as("the first and the 10th and 100th reminders").hasSize(3);
            assertThat(logged.list.get(0).getThrowableProxy()).as("the first carries the stack trace").isNotNull();
            assertThat(d.internalFailures()).singleElement().satisfies(f -> {
                assertThat(f.part()).isEqualTo("playback");
                assertThat(f.exception()).isEqualTo(IndexOutOfBoundsException.class.getName());
                assertThat(f.message()).as("the latest message").isEqualTo("index 599");
                assertThat(f.at()).contains("indexBug");
                assertThat(f.count()).isEqualTo(600);
            });
            assertThat(heard).as("listeners hear a failure once, not every tick").hasSize(1);

            d.internalFailure("playback", new IllegalStateException("another bug"));
            assertThat(logged.list).hasSize(4);
            assertThat(logged.list.get(3).getFormattedMessage()).contains("after failing 600 times");
            assertThat(heard).hasSize(2);
            assertThat(d.internalFailures()).singleElement().extracting(InternalFailure::count).isEqualTo(1L);
        } finally {
            release(logged);
        }
    }

    @Test
    void partsFailingAtOnceAreKeptApart() {
        Diagnostics d = new Diagnostics();
        d.internalFailure("playlist", indexBug(1));
        d.internalFailure("announce", indexBug(1));
        d.internalFailure("announce", indexBug(2));
        assertThat(d.internalFailures()).extracting(InternalFailure::part, InternalFailure::count)
                .containsExactly(tuple("announce", 2L), tuple("playlist", 1L));
    }

    private static IndexOutOfBoundsException indexBug(int index) {
        return new IndexOutOfBoundsException("index " + index);
    }

    private static ListAppender<ILoggingEvent> capture() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(Diagnostics.class)).addAppender(appender);
        return appender;
    }

    private static void release(ListAppender<ILoggingEvent> appender) {
        ((Logger) LoggerFactory.getLogger(Diagnostics.class)).detachAppender(appender);
    }
}
