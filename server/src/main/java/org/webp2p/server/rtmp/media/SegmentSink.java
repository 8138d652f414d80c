package org.webp2p.server.rtmp.media;

import java.time.Duration;

/** Where finished MPEG-TS segments go, in order, each with the time it plays for. */
@FunctionalInterface
public interface SegmentSink {
    void segment(byte[] mpegTs, Duration duration);
}
