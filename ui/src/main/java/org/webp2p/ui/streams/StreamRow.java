package org.webp2p.ui.streams;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.webp2p.protocol.admin.ClientFigures;
import org.webp2p.protocol.admin.StreamStats;

/**
 * One stream as the Streams page lists it.
 *
 * @param ingest         how the stream's segments arrive, for live and ended streams
 * @param sdkViewers     live peers in the tracker's SDK swarm of the stream's name
 * @param browserViewers live browser peers in the stream's browser swarms (one per page)
 * @param offload        P2P share of what all its viewers downloaded in pingback's window, from 0 to 1
 * @param sdk            what its SDK players reported in that window
 * @param browser        what its browser pages reported in that window
 * @param playbackUrl    what a player opens; empty while the origin is stopped
 * @param publishUrl     what an encoder (ffmpeg's {@code -method PUT}) pushes to, key included; only for
 *                       streams an encoder feeds
 * @param playerUrl      the origin's player page for it; empty while the origin is stopped, or for a
 *                       name the page does not take
 * @param open           whether players may open it without a token
 * @param embedSnippet   the HTML that puts the player in another site; empty without a player page or
 *                       while the API is stopped
 * @param rtmpServer     what OBS calls the Server ({@code rtmp://HOST:PORT/live}); only for streams an
 *                       encoder feeds, while the RTMP service runs
 * @param rtmpStreamKey  what OBS calls the Stream key ({@code STREAM?key=KEY}); whenever rtmpServer is there
 * @param latencyP50Ms   median latency to live its viewers told in pingback's window, or -1 when none did
 * @param latencyP95Ms   95th percentile of the same, or -1
 */
public record StreamRow(String name, StreamStats.Kind kind, Optional<StreamStats.Ingest> ingest,
                        long bitrate, long segments,
                        Optional<Duration> lastSegmentAge, int sdkViewers, int browserViewers, double offload,
                        ClientFigures sdk, ClientFigures browser, long requests, long bytesOut,
                        double notModifiedRatio, Optional<String> playbackUrl, Optional<String> publishUrl,
                        Optional<String> playerUrl, boolean open, Optional<String> embedSnippet,
                        Optional<String> rtmpServer, Optional<String> rtmpStreamKey, long latencyP50Ms,
                        long latencyP95Ms) {

    /** What the Stream column shows: a rendition's own name, set under its stream's. */
    public String label() {
        int slash = name.indexOf('/');
        return slash < 0 ? name : "\u2514 " + name.substring(slash + 1);
    }

    /** Live peers of both kinds. */
    public int viewers() {
        return sdkViewers + browserViewers;
    }

    /** The Kind column: {@code rtmp} for a live stream an RTMP publisher feeds, otherwise the kind itself. */
    public String kindLabel() {
        boolean rtmp = kind == StreamStats.Kind.LIVE && ingest.filter(i -> i == StreamStats.Ingest.RTMP).isPresent();
        return rtmp ? "rtmp" : kind.name().toLowerCase(Locale.ROOT);
    }
}
