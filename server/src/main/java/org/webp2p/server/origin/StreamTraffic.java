package org.webp2p.server.origin;

import java.util.concurrent.atomic.LongAdder;

/** Playback counters of one stream or VOD root, bumped from any event-loop thread. */
final class StreamTraffic {
    private final LongAdder requests = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final LongAdder notModified = new LongAdder();

    void served(long bytes) {
        requests.increment();
        bytesOut.add(bytes);
    }

    void notModified() {
        requests.increment();
        notModified.increment();
    }

    long requests() {
        return requests.sum();
    }

    long bytesOut() {
        return bytesOut.sum();
    }

    long notModifiedCount() {
        return notModified.sum();
    }
}
