package org.webp2p.ui.streams;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.webp2p.protocol.admin.StreamStats;

/**
 * One stream as the Streams page lists it.
 *
 * @param ingest      how the stream's segments arrive, for live and ended streams
 * @param viewers     live peers in the tracker swarm of the stream's name
 * @param offload     P2P share of what its viewers downloaded in pingback's window, from 0 to 1
 * @param playbackUrl what a player opens; empty while the origin is stopped
 * @param publishUrl  what an encoder (ffmpeg's {@code -method PUT}) pushes to, key included; only for
 *                    streams an encoder feeds
 */
public record StreamRow(String name, StreamStats.Kind kind, Optional<StreamStats.Ingest> ingest, long bitrate,
                        long segments, Optional<Duration> lastSegmentAge, int viewers, double offload, long requests,
                        long bytesOut, double notModifiedRatio, Optional<String> playbackUrl,
                        Optional<String> publishUrl) {

    /** The Kind column: {@code rtmp} for a live stream an RTMP publisher feeds, otherwise the kind itself. */
    public String kindLabel() {
        boolean rtmp = kind == StreamStats.Kind.LIVE && ingest.filter(i -> i == StreamStats.Ingest.RTMP).isPresent();
        return rtmp ? "rtmp" : kind.name().toLowerCase(Locale.ROOT);
    }
}
