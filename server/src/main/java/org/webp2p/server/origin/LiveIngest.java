package org.webp2p.server.origin;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The way into a stream's live window for an encoder that does not push HLS itself (RTMP): the
 * publisher hands over finished MPEG-TS segments, and the origin numbers, digests, stores and lists
 * them exactly as it does segments uploaded over HTTP.
 */
public interface LiveIngest {

    /**
     * The stream a publisher may publish to, from the name and key it presented: the stream's own
     * key or the origin's publish key with the stream's name, or a stream's own key alone in place
     * of the name ({@code key} empty). Empty when neither matches. A name such as {@code NAME_720p}
     * gives rendition {@code NAME/720p}, published with the key of {@code NAME} (by
     * the naming rule in README.md).
     */
    Optional<String> authorise(String nameOrStreamKey, String key);

    /**
     * Claims {@code stream} for a publisher at {@code from}. Completes exceptionally with
     * {@link StreamBusyException} while another publisher (RTMP, or an HTTP encoder that has not gone
     * silent) keeps the stream live.
     */
    CompletableFuture<Void> begin(String stream, InetAddress from);

    /**
     * How long the segments of {@code stream} should be when the publisher's side cuts them: 1 s
     * under the low-latency profile. Empty leaves it to the publisher's own setting, as does a stopped
     * origin.
     */
    Optional<Duration> segmentTarget(String stream);

    /** Appends one complete MPEG-TS segment that plays for {@code duration}. */
    CompletableFuture<Void> append(String stream, byte[] segment, Duration duration);

    /** Ends the stream: its playlist gets ENDLIST and the claim of {@link #begin} is released. */
    CompletableFuture<Void> end(String stream);
}
