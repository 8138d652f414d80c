package org.webp2p.server.rtmp.session;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.webp2p.server.rtmp.wire.Handshake;
import org.webp2p.server.rtmp.wire.Violation;

/** The RTMP service's counters: updated from the event loops, read by the console from any thread. */
public final class RtmpMetrics {
    private final LongAdder accepted = new LongAdder();
    private final Map<Handshake.Form, LongAdder> handshakes = counters(Handshake.Form.class);
    private final LongAdder publishing = new LongAdder();
    private final LongAdder publishes = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder segments = new LongAdder();
    private final LongAdder segmentBytes = new LongAdder();
    private final LongAdder framesDropped = new LongAdder();
    private final LongAdder messagesIgnored = new LongAdder();
    private final LongAdder eventsSuppressed = new LongAdder();
    private final Map<CloseReason, LongAdder> closed = counters(CloseReason.class);
    private final Map<Violation, LongAdder> violations = counters(Violation.class);

    public void accepted() {
        accepted.increment();
    }

    public void handshake(Handshake.Form form) {
        handshakes.get(form).increment();
    }

    void publishStarted() {
        publishes.increment();
        publishing.increment();
    }

    void publishEnded() {
        publishing.decrement();
    }

    public void bytesIn(long n) {
        bytesIn.add(n);
    }

    void segment(int bytes) {
        segments.increment();
        segmentBytes.add(bytes);
    }

    /** Frames left out: media before the publish was accepted, or that the segmenter could not carry. */
    void framesDropped(long n) {
        framesDropped.add(n);
    }

    /** Messages the service has no use for: shared objects, AMF3 data, commands it does not know. */
    void messageIgnored() {
        messagesIgnored.increment();
    }

    public void eventSuppressed() {
        eventsSuppressed.increment();
    }

    public void closed(CloseReason reason) {
        closed.get(reason).increment();
    }

    public void violation(Violation violation) {
        violations.get(violation).increment();
    }

    /** Publishers whose stream is live now. */
    public long publishing() {
        return publishing.sum();
    }

    public long closedFor(CloseReason reason) {
        return closed.get(reason).sum();
    }

    public long violations(Violation violation) {
        return violations.get(violation).sum();
    }

    public Map<String, Number> snapshot() {
        Map<String, Number> m = new LinkedHashMap<>();
        m.put("accepted", accepted.sum());
        handshakes.forEach((form, n) -> m.put("handshakes." + key(form), n.sum()));
        m.put("publishing", publishing.sum());
        m.put("publishes", publishes.sum());
        m.put("bytes-in", bytesIn.sum());
        m.put("segments", segments.sum());
        m.put("segment-bytes", segmentBytes.sum());
        m.put("frames-dropped", framesDropped.sum());
        m.put("messages-ignored", messagesIgnored.sum());
        m.put("events-suppressed", eventsSuppressed.sum());
        closed.forEach((reason, n) -> m.put("closed." + key(reason), n.sum()));
        violations.forEach((violation, n) -> m.put("violations." + key(violation), n.sum()));
        return m;
    }

    private static <E extends Enum<E>> Map<E, LongAdder> counters(Class<E> type) {
        Map<E, LongAdder> m = new EnumMap<>(type);
        for (E e : type.getEnumConstants()) {
            m.put(e, new LongAdder());
        }
        return m;
    }

    private static String key(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
