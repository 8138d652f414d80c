package org.webp2p.protocol.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the console shows for one stream at one instant.
 *
 * @param ingest          how a live or ended stream's segments arrive: the way the last one came, or RTMP while an
 *                        RTMP publisher holds the stream; empty for the demo and VOD, and for a stream that has
 *                        received none since the origin started
 * @param ingestBitrate   bits per second of the segments in the live window (0 when nothing is ingested)
 * @param segments        segments ingested since this origin started (for VOD and the demo, 0)
 * @param lastSegmentAge  time since the last segment arrived; empty when none has
 * @param requests        GET and HEAD requests answered, 304s included
 * @param bytesOut        body bytes sent
 * @param notModified     304 answers
 * @param renditions      the renditions its master playlist lists now ({@code 180p}, each also a stream or swarm
 *                        {@code NAME/RENDITION}); empty (left out) for a stream without renditions, and from
 *                        nodes older than this field
 */
public record StreamStats(String name, Kind kind, Optional<Ingest> ingest, long ingestBitrate, long segments,
                          Optional<Duration> lastSegmentAge, long requests, long bytesOut, long notModified,
                          @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> renditions) {

    /**
     * The file name of a live stream's media playlist, and of a VOD root's entry playlist, in the
     * origin's URLs ({@code /live/NAME/index.m3u8}, {@code /vod/NAME/index.m3u8}).
     */
    public static final String PLAYLIST_FILE = "index.m3u8";

    /** The file name of the master playlist that lists a live stream's renditions. */
    public static final String MASTER_FILE = "master.m3u8";

    /**
     * The stream names the origin's player page takes ({@code /play/NAME}): those of live streams. A
     * VOD directory with a dot in its name has no player page.
     */
    public static final Pattern PLAYER_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** Where the player page and its embeddable script live on the origin. */
    public static final String PLAYER_PREFIX = "/play/";

    /** The script that puts the player in any page, under {@link #PLAYER_PREFIX}. */
    public static final String PLAYER_SCRIPT = "webp2p-player.js";

    /** Where a stream's content comes from and whether it still grows. */
    public enum Kind { LIVE, ENDED, DEMO, VOD }

    /** The way into a live stream: an encoder pushing HLS over HTTP, or an RTMP publisher whose media the node segments. */
    public enum Ingest { HTTP, RTMP }

    public StreamStats {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(ingest, "ingest");
        if (ingest.isPresent() && (kind == Kind.DEMO || kind == Kind.VOD)) {
            throw new IllegalArgumentException("a " + kind + " stream is not ingested");
        }
        Objects.requireNonNull(lastSegmentAge, "lastSegmentAge");
        if (notModified > requests) {
            throw new IllegalArgumentException("more 304s than requests");
        }
        renditions = renditions == null ? List.of() : List.copyOf(renditions);
    }

    /** A stream without renditions. */
    public StreamStats(String name, Kind kind, Optional<Ingest> ingest, long ingestBitrate, long segments,
                       Optional<Duration> lastSegmentAge, long requests, long bytesOut, long notModified) {
        this(name, kind, ingest, ingestBitrate, segments, lastSegmentAge, requests, bytesOut, notModified, List.of());
    }

    /**
     * Where players fetch this stream: the master playlist of a stream with renditions, so players
     * choose among them; else a live stream's own playlist, or a VOD root's entry playlist
     * {@code index.m3u8} (the root is served as it is, so other playlists in it have their own paths).
     */
    public String playlistPath() {
        if (kind == Kind.VOD) {
            return "/vod/" + name + "/" + PLAYLIST_FILE;
        }
        return "/live/" + name + "/" + (renditions.isEmpty() ? PLAYLIST_FILE : MASTER_FILE);
    }

    /** The origin's player page for this stream, {@code /play/NAME}; empty for a name the page does not take. */
    public Optional<String> playerPath() {
        return PLAYER_NAME.matcher(name).matches() ? Optional.of(PLAYER_PREFIX + name) : Optional.empty();
    }

    /** Share of requests answered 304, from 0 to 1. */
    public double notModifiedRatio() {
        return requests == 0 ? 0 : (double) notModified / requests;
    }
}
