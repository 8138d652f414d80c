package org.webp2p.server.rtmp.session;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.webp2p.server.origin.LiveIngest;
import org.webp2p.server.rtmp.media.FlvToTsSegmenter;
import org.webp2p.server.rtmp.media.UnsupportedMediaException;
import org.webp2p.server.rtmp.wire.RtmpMessage;

/**
 * One stream being published, from the origin's begin to its end: FLV tags in, MPEG-TS segments
 * handed to the origin's live window. Confined to the connection's event loop; the origin's answers
 * come back there through {@code loop}.
 */
final class Publication {
    private final String stream;
    private final LiveIngest ingest;
    private final FlvToTsSegmenter segmenter;
    private final RtmpMetrics metrics;
    private CompletableFuture<Void> ended;

    /** @param failed told, on the loop, when the origin refuses a segment: the publish cannot go on */
    Publication(String stream, LiveIngest ingest, Duration segmentDuration, Executor loop, Consumer<Throwable> failed,
                RtmpMetrics metrics) {
        this.stream = stream;
        this.ingest = ingest;
        this.metrics = metrics;
        this.segmenter = new FlvToTsSegmenter(segmentDuration, (bytes, duration) -> {
            metrics.segment(bytes.length);
            ingest.append(stream, bytes, duration).whenCompleteAsync((ok, error) -> {
                if (error != null) {
                    failed.accept(error);
                }
            }, loop);
        });
        metrics.publishStarted();
    }

    String stream() {
        return stream;
    }

    /** Takes an audio (8) or video (9) message of the publishing stream. */
    void media(RtmpMessage message) throws UnsupportedMediaException {
        if (message.type() == RtmpMessage.VIDEO) {
            segmenter.video(message.timestamp(), message.payload());
        } else {
            segmenter.audio(message.timestamp(), message.payload());
        }
    }

    /**
     * Hands over the segment in progress and ends the stream (ENDLIST). Once only: later calls return
     * the same future, which completes when the origin has ended the stream.
     */
    CompletableFuture<Void> end() {
        if (ended == null) {
            segmenter.finish();
            metrics.framesDropped(segmenter.droppedFrames());
            metrics.publishEnded();
            ended = ingest.end(stream);
        }
        return ended;
    }
}
