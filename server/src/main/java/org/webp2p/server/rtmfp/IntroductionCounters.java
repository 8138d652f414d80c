package org.webp2p.server.rtmfp;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.webp2p.nat.NatType;

/**
 * Introductions by pair of NAT types (initiator's, then target's). These are attempts: the peers
 * then talk directly, so whether the direct session came up is invisible to the server and is
 * not guessed here; peers report outcomes through pingback.
 */
final class IntroductionCounters {
    private final Map<String, LongAdder> attemptsByPair = new ConcurrentHashMap<>();
    private final LongAdder attempts = new LongAdder();
    private final LongAdder unknownTarget = new LongAdder();

    void attempted(NatType initiator, NatType target) {
        attempts.increment();
        attemptsByPair.computeIfAbsent(key(initiator) + "." + key(target), k -> new LongAdder()).increment();
    }

    /** An IHello for a peer ID that is not connected here. */
    void unknownTarget() {
        unknownTarget.increment();
    }

    long attempts() {
        return attempts.sum();
    }

    long attemptsBetween(NatType initiator, NatType target) {
        LongAdder count = attemptsByPair.get(key(initiator) + "." + key(target));
        return count == null ? 0 : count.sum();
    }

    void putInto(Map<String, Number> metrics) {
        metrics.put("introductions", attempts.sum());
        metrics.put("introductions.unknown-target", unknownTarget.sum());
        Map<String, Number> sorted = new LinkedHashMap<>();
        attemptsByPair.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> sorted.put("introductions." + e.getKey(), e.getValue().sum()));
        metrics.putAll(sorted);
    }

    private static String key(NatType type) {
        return type.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
