package org.webp2p.server.origin;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Counts refused requests per reason. */
final class Rejections {
    private final Map<Rejection, LongAdder> counts = new EnumMap<>(Rejection.class);

    Rejections() {
        for (Rejection r : Rejection.values()) {
            counts.put(r, new LongAdder());
        }
    }

    void count(Rejection reason) {
        counts.get(reason).increment();
    }

    /** {@code rejected.<reason>} for every reason, for the service metrics. */
    void addTo(Map<String, Number> metrics) {
        counts.forEach((reason, n) -> metrics.put("rejected." + reason.metric, n.sum()));
    }
}
