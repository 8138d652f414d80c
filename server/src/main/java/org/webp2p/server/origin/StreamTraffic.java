package org.webp2p.server.origin;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Playback counters of one stream or VOD root, by kind of answer; bumped from any event-loop thread. */
final class StreamTraffic {
    private final Map<Answer, LongAdder> requests = new EnumMap<>(Answer.class);
    private final Map<Answer, LongAdder> bytes = new EnumMap<>(Answer.class);

    StreamTraffic() {
        for (Answer a : Answer.values()) {
            requests.put(a, new LongAdder());
            bytes.put(a, new LongAdder());
        }
    }

    void answered(Answer answer, long bodyBytes) {
        requests.get(answer).increment();
        bytes.get(answer).add(bodyBytes);
    }

    void notModified() {
        answered(Answer.NOT_MODIFIED, 0);
    }

    long requests() {
        return requests.values().stream().mapToLong(LongAdder::sum).sum();
    }

    long bytesOut() {
        return bytes.values().stream().mapToLong(LongAdder::sum).sum();
    }

    long notModifiedCount() {
        return requests.get(Answer.NOT_MODIFIED).sum();
    }

    /** Adds this stream's non-zero counts, one per kind of answer, to {@code out}. */
    void addTo(String stream, List<OriginTraffic> out) {
        requests.forEach((answer, n) -> {
            long count = n.sum();
            if (count > 0) {
                out.add(new OriginTraffic(stream, answer.status, answer.cache, count, bytes.get(answer).sum()));
            }
        });
    }

    /**
     * What a request got: its status, and where its body came from ({@link OriginTraffic#cache()}). A
     * fixed set, so the metrics' labels stay bounded.
     */
    enum Answer {
        OK_MEMORY(200, OriginTraffic.MEMORY),
        OK_DISK(200, OriginTraffic.DISK),
        PARTIAL_MEMORY(206, OriginTraffic.MEMORY),
        PARTIAL_DISK(206, OriginTraffic.DISK),
        NOT_MODIFIED(304, OriginTraffic.REVALIDATED),
        GONE(404, OriginTraffic.DISK),
        RANGE_NOT_SATISFIABLE(416, OriginTraffic.NONE),
        READ_FAILED(500, OriginTraffic.DISK);

        final int status;
        final String cache;

        Answer(int status, String cache) {
            this.status = status;
            this.cache = cache;
        }

        static Answer served(boolean partial, boolean inMemory) {
            if (partial) {
                return inMemory ? PARTIAL_MEMORY : PARTIAL_DISK;
            }
            return inMemory ? OK_MEMORY : OK_DISK;
        }
    }
}
