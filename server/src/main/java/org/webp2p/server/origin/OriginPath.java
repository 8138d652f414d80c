package org.webp2p.server.origin;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.webp2p.protocol.admin.StreamStats;

/**
 * A request path the origin answers: {@code /live/<stream>/<file>}, {@code /live/<stream>/<rendition>/<file>}
 * or {@code /vod/<root>/<path>}.
 * Parsing is where traversal is stopped: every path segment (already percent-decoded) must be a plain
 * name that cannot mean "here" or "up", so no resolved file lies outside its stream or root.
 */
record OriginPath(Area area, String scope, String file) {

    /** The two trees the origin serves. */
    public enum Area { LIVE, VOD }

    /** The playlist name every live stream publishes and serves. */
    public static final String LIVE_PLAYLIST = StreamStats.PLAYLIST_FILE;
    /** The playlist that lists a stream's renditions, as ffmpeg's {@code -master_pl_name} names it. */
    public static final String MASTER_PLAYLIST = StreamStats.MASTER_FILE;

    // A leading dot is refused, so "." and ".." and hidden files never match.
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");
    // Stream names become configuration keys (origin.stream.<name>.key), so no dots.
    private static final Pattern STREAM = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public OriginPath {
        if (!(area == Area.LIVE ? STREAM : NAME).matcher(scope).matches()) {
            throw new IllegalArgumentException("bad stream or root name: " + scope);
        }
        for (String part : file.split("/", -1)) {
            if (!NAME.matcher(part).matches()) {
                throw new IllegalArgumentException("bad file name: " + file);
            }
        }
        if (area == Area.LIVE) {
            String[] parts = file.split("/", -1);
            if (parts.length > 2 || parts.length == 2 && !STREAM.matcher(parts[0]).matches()) {
                throw new IllegalArgumentException("a live stream has one level of renditions, each named like a stream: "
                        + file);
            }
        }
    }

    /** Parses a decoded request path; empty when it is not one the origin can serve or accept. */
    public static Optional<OriginPath> parse(String decodedPath) {
        if (!decodedPath.startsWith("/")) {
            return Optional.empty();
        }
        List<String> parts = List.of(decodedPath.substring(1).split("/", -1));
        if (parts.size() < 3) {
            return Optional.empty();
        }
        Area area;
        switch (parts.get(0)) {
            case "live" -> area = Area.LIVE;
            case "vod" -> area = Area.VOD;
            default -> {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(new OriginPath(area, parts.get(1), String.join("/", parts.subList(2, parts.size()))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code name} can name a live stream: its directory and its key in the configuration. */
    public static boolean isStreamName(String name) {
        return STREAM.matcher(name).matches();
    }

    /**
     * The live stream or rendition the file belongs to: {@code <stream>}, or {@code <stream>/<rendition>}
     * for a file in a rendition's subdirectory.
     */
    public String liveStream() {
        int slash = file.indexOf('/');
        return slash < 0 ? scope : scope + "/" + file.substring(0, slash);
    }

    /** The file's name within {@link #liveStream()}. */
    public String leaf() {
        return file.substring(file.indexOf('/') + 1);
    }

    /** Whether the file is a rendition's, in a subdirectory of the stream. */
    public boolean inRendition() {
        return area == Area.LIVE && file.contains("/");
    }

    /** Whether {@code name} names a live stream or one of its renditions ({@code <stream>/<rendition>}). */
    public static boolean isLiveStreamName(String name) {
        int slash = name.indexOf('/');
        return slash < 0 ? isStreamName(name)
                : isStreamName(name.substring(0, slash)) && isStreamName(name.substring(slash + 1));
    }

    public boolean isPlaylist() {
        return file.endsWith(".m3u8");
    }
}
