package org.webp2p.server.rtmp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.webp2p.server.rtmp.session.RtmpMetrics;

/**
 * The RTMP service's lines for the event log, held to a rate a person can read, so a client trying
 * keys in a loop cannot fill the store: a burst of {@link #BURST}, then one every {@link #REFILL}.
 * Lines over the rate are counted, and the next line that gets through says how many were left out.
 * Lines are written on {@code writer}, never on the event loop that produced them.
 */
final class EventLines implements Consumer<String> {
    static final int BURST = 20;
    static final Duration REFILL = Duration.ofSeconds(3);

    private final Consumer<String> sink;
    private final Executor writer;
    private final Clock clock;
    private final RtmpMetrics metrics;
    private double tokens = BURST;
    private Instant filledAt;
    private long leftOut;

    EventLines(Consumer<String> sink, Executor writer, Clock clock, RtmpMetrics metrics) {
        this.sink = sink;
        this.writer = writer;
        this.clock = clock;
        this.metrics = metrics;
        this.filledAt = clock.instant();
    }

    @Override
    public synchronized void accept(String line) {
        Instant now = clock.instant();
        tokens = Math.min(BURST, tokens + (double) Duration.between(filledAt, now).toMillis() / REFILL.toMillis());
        filledAt = now;
        if (tokens < 1) {
            leftOut++;
            metrics.eventSuppressed();
            return;
        }
        tokens--;
        String text = leftOut == 0 ? line : line + " (" + leftOut + " lines before it left out)";
        leftOut = 0;
        writer.execute(() -> sink.accept(text));
    }
}
